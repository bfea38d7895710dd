package dev.arca.model.admin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
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
 * Verifies the signed JWT bearer tokens that authenticate admin calls to all three services (specs/kbs.md §5.1,
 * docs/architecture.md "Common to the three services"): signature by a trusted key whose type allows the header
 * {@code alg} ({@code EdDSA} or {@code Ed25519} for Ed25519 keys, ES256/384/512, RS256…/PS512; see
 * {@link VerificationKey}), a required and unexpired {@code exp}, {@code nbf} when present, {@code iss} and
 * {@code aud} when configured, and a required non-blank string role claim.
 */
public final class AdminTokenVerifier {

    public static final String ROLE_CLAIM = "role";
    private static final String BEARER = "Bearer ";

    private final AdminKeySource keys;
    private final String issuer;
    private final String audience;
    private final Duration leeway;
    private final Clock clock;

    /** Static trusted keys, no issuer or audience check. */
    public AdminTokenVerifier(List<PublicKey> trustedKeys, Duration leeway, Clock clock) {
        this(AdminKeySource.staticKeys(requireSome(trustedKeys)), null, null, leeway, clock);
    }

    /**
     * @param issuer   when non-null, the {@code iss} a token must carry
     * @param audience when non-null, a value the token's {@code aud} must contain
     */
    public AdminTokenVerifier(AdminKeySource keys, String issuer, String audience, Duration leeway, Clock clock) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("an admin token verifier needs at least one trusted key");
        }
        this.keys = keys;
        this.issuer = blankToNull(issuer);
        this.audience = blankToNull(audience);
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
        checkClaims(claims);
        Object role = claims.getClaim(ROLE_CLAIM);
        if (!(role instanceof String roleName) || roleName.isBlank()) {
            throw new AdminAuthException("Missing required `role` claim in JWT");
        }
        return new AdminIdentity(claims.getSubject(), roleName);
    }

    private boolean signedByTrustedKey(SignedJWT jwt) {
        JWSHeader header = jwt.getHeader();
        for (VerificationKey key : keys.keysFor(header.getKeyID())) {
            if (!key.algorithms().contains(header.getAlgorithm())) {
                continue;
            }
            try {
                if (jwt.verify(key.verifier())) {
                    return true;
                }
            } catch (JOSEException | IllegalStateException notThisKey) {
                // fail closed: this key does not verify the token
            }
        }
        return false;
    }

    private void checkClaims(JWTClaimsSet claims) throws AdminAuthException {
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
        if (issuer != null && !issuer.equals(claims.getIssuer())) {
            throw new AdminAuthException("admin token issuer is not " + issuer);
        }
        if (audience != null && (claims.getAudience() == null || !claims.getAudience().contains(audience))) {
            throw new AdminAuthException("admin token audience does not include " + audience);
        }
    }

    private static String bearer(String header) throws AdminAuthException {
        if (header == null || !header.startsWith(BEARER) || header.substring(BEARER.length()).isBlank()) {
            throw new AdminAuthException("Failed to parse HTTP Auth Bearer header");
        }
        return header.substring(BEARER.length()).strip();
    }

    private static List<PublicKey> requireSome(List<PublicKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("an admin token verifier needs at least one trusted key");
        }
        return keys;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
