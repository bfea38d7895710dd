package dev.arca.model.admin;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.PublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Verifies the signed JWT bearer tokens that authenticate admin calls: signature by one of the trusted keys, the
 * header algorithm matching the key, a required and unexpired {@code exp}, and a required role claim.
 */
public final class AdminTokenVerifier {

    public static final String ROLE_CLAIM = "role";

    private final List<PublicKey> trustedKeys;
    private final Duration leeway;
    private final Clock clock;

    public AdminTokenVerifier(List<PublicKey> trustedKeys, Duration leeway, Clock clock) {
        if (trustedKeys.isEmpty()) {
            throw new IllegalArgumentException("an admin token verifier needs at least one trusted key");
        }
        this.trustedKeys = List.copyOf(trustedKeys);
        this.leeway = leeway;
        this.clock = clock;
    }

    public AdminIdentity verify(String authorizationHeader) throws AdminAuthException {
        String token = bearer(authorizationHeader);
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new AdminAuthException("admin token is not a signed JWT");
        }
        if (!signedByTrustedKey(jwt)) {
            throw new AdminAuthException("Cannot verify token with any of the trusted admin keys");
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new AdminAuthException("admin token lacks the exp claim");
        }
        if (now.isAfter(exp.toInstant().plus(leeway))) {
            throw new AdminAuthException("admin token expired at " + exp.toInstant());
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(leeway).isBefore(nbf.toInstant())) {
            throw new AdminAuthException("admin token not valid before " + nbf.toInstant());
        }
        Object role = claims.getClaim(ROLE_CLAIM);
        if (!(role instanceof String roleName) || roleName.isBlank()) {
            throw new AdminAuthException("Missing required `role` claim in JWT");
        }
        return new AdminIdentity(claims.getSubject(), roleName);
    }

    private boolean signedByTrustedKey(SignedJWT jwt) {
        for (PublicKey key : trustedKeys) {
            try {
                if (!AdminJwk.algorithmFor(key).equals(jwt.getHeader().getAlgorithm())) {
                    continue;
                }
                JWSVerifier verifier = AdminJwk.verifier(key);
                if (jwt.verify(verifier)) {
                    return true;
                }
            } catch (Exception unusableKeyOrSignature) {
                // fail closed: this key does not verify the token
            }
        }
        return false;
    }

    private static String bearer(String header) throws AdminAuthException {
        if (header == null || !header.startsWith("Bearer ") || header.length() <= "Bearer ".length()) {
            throw new AdminAuthException("Failed to parse HTTP Auth Bearer header");
        }
        return header.substring("Bearer ".length()).trim();
    }
}
