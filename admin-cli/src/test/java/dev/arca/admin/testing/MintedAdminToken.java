package dev.arca.admin.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.arca.model.admin.AdminJwk;
import dev.arca.model.admin.PemKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * What a token the CLI minted says, once checked as the services check it (service-support's {@code JwtDecoders}):
 * signed by one of the admin public keys under the algorithm its key type implies, unexpired, and carrying a non-blank
 * string {@code role}. The services themselves are not on this module's classpath, so Nimbus does the check here.
 */
public record MintedAdminToken(String subject, String role, Instant expires) {

    /** Checks {@code authorization} ("Bearer <jwt>") against the public keys in {@code publicKeyFile} at {@code now}. */
    public static MintedAdminToken verify(String authorization, Path publicKeyFile, Instant now)
            throws IOException {
        return verify(authorization, PemKeys.readPublicKeys(publicKeyFile), now);
    }

    public static MintedAdminToken verify(String authorization, List<PublicKey> trusted, Instant now) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new AssertionError("not a bearer credential: " + authorization);
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(authorization.substring("Bearer ".length()));
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new AssertionError("not a signed JWT: " + e.getMessage(), e);
        }
        if (trusted.stream().noneMatch(key -> signedBy(jwt, key))) {
            throw new AssertionError("not signed by a trusted admin key");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new AssertionError("no exp claim");
        }
        if (now.isAfter(exp.toInstant())) {
            throw new AssertionError("expired at " + exp.toInstant());
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.isBefore(nbf.toInstant())) {
            throw new AssertionError("not valid before " + nbf.toInstant());
        }
        if (!(claims.getClaim("role") instanceof String role) || role.isBlank()) {
            throw new AssertionError("no non-blank string role claim");
        }
        return new MintedAdminToken(claims.getSubject(), role, exp.toInstant());
    }

    private static boolean signedBy(SignedJWT jwt, PublicKey key) {
        try {
            return AdminJwk.algorithmFor(key).equals(jwt.getHeader().getAlgorithm())
                    && jwt.verify(AdminJwk.verifier(key));
        } catch (JOSEException | IllegalArgumentException e) {
            return false;
        }
    }
}
