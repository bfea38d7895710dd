package dev.arca.kbs.admin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.arca.kbs.jwks.JwkSetCache;
import dev.arca.kbs.token.SignatureKeys;
import dev.arca.model.admin.AdminAuthException;
import dev.arca.model.admin.AdminIdentity;
import java.security.PublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Verifies admin bearer JWTs (specs/kbs.md §5.1): signed by a key from {@code arca.admin.public-key-files} (any key
 * whose type allows the header {@code alg}: EdDSA/Ed25519, ES256/384/512, RS256…/PS512) or by the key the header
 * {@code kid} names in {@code arca.admin.jwks-url}; {@code exp} required with upstream's 60 s leeway; {@code iss} and
 * {@code aud} when configured; a non-blank string {@code role} claim required.
 *
 * <p>Kept in the KBS rather than using common-model's {@code AdminTokenVerifier}: that one knows PEM keys only and
 * insists on the header alg {@code Ed25519}, while upstream-minted admin tokens say {@code EdDSA}. The checks and
 * messages are the same.
 */
public final class AdminTokenAuthenticator {

    static final Duration LEEWAY = Duration.ofSeconds(60);
    private static final String BEARER = "Bearer ";

    private final List<SignatureKeys> pemKeys;
    private final JwkSetCache jwks;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    public AdminTokenAuthenticator(List<PublicKey> pemKeys, JwkSetCache jwks, String issuer, String audience,
            Clock clock) {
        List<SignatureKeys> keys = new ArrayList<>();
        for (PublicKey key : pemKeys) {
            try {
                keys.add(SignatureKeys.of(key, "pem"));
            } catch (JOSEException e) {
                throw new IllegalArgumentException("unsupported admin key: " + e.getMessage(), e);
            }
        }
        this.pemKeys = List.copyOf(keys);
        this.jwks = jwks;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    public boolean hasKeys() {
        return !pemKeys.isEmpty() || jwks != null;
    }

    public AdminIdentity authenticate(String authorization) throws AdminAuthException {
        if (authorization == null || !authorization.startsWith(BEARER)
                || authorization.substring(BEARER.length()).isBlank()) {
            throw new AdminAuthException("Failed to parse HTTP Auth Bearer header");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(authorization.substring(BEARER.length()).strip());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new AdminAuthException("admin token is not a signed JWT");
        }
        if (!signedByTrustedKey(jwt)) {
            throw new AdminAuthException("Cannot verify token with any of the trusted admin keys");
        }
        checkClaims(claims);
        Object role = claims.getClaim("role");
        if (!(role instanceof String roleName) || roleName.isBlank()) {
            throw new AdminAuthException("Missing required `role` claim in JWT");
        }
        return new AdminIdentity(claims.getSubject() == null ? "(no subject)" : claims.getSubject(), roleName);
    }

    private boolean signedByTrustedKey(SignedJWT jwt) {
        JWSHeader header = jwt.getHeader();
        List<SignatureKeys> candidates = new ArrayList<>(pemKeys);
        if (jwks != null && header.getKeyID() != null) {
            Optional<JWK> key = jwks.key(header.getKeyID());
            if (key.isPresent()) {
                try {
                    candidates.add(SignatureKeys.of(key.get(), "jwks"));
                } catch (JOSEException unusable) {
                    // a key the KBS cannot use verifies nothing
                }
            }
        }
        for (SignatureKeys key : candidates) {
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
        if (now.isAfter(exp.toInstant().plus(LEEWAY))) {
            throw new AdminAuthException("admin token expired at " + exp.toInstant());
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(LEEWAY).isBefore(nbf.toInstant())) {
            throw new AdminAuthException("admin token not valid before " + nbf.toInstant());
        }
        if (issuer != null && !issuer.equals(claims.getIssuer())) {
            throw new AdminAuthException("admin token issuer is not " + issuer);
        }
        if (audience != null && (claims.getAudience() == null || !claims.getAudience().contains(audience))) {
            throw new AdminAuthException("admin token audience does not include " + audience);
        }
    }
}
