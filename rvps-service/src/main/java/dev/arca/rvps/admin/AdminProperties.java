package dev.arca.rvps.admin;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the admin endpoints (docs/architecture.md, "Common to the three services").
 *
 * The admin JWT scheme all three services share (common-model {@code AdminTokenVerifier}).
 *
 * @param publicKeyFiles PEM files whose keys may sign admin JWTs (Ed25519 with header alg EdDSA or Ed25519,
 *                       ES256/384/512, RS/PS); with no jwksUrl either, every admin call is refused
 * @param jwksUrl        an http(s) JWK set whose keys, named by the token's {@code kid}, may sign admin JWTs
 * @param issuer         when set, the {@code iss} an admin JWT must carry
 * @param audience       when set, a value the {@code aud} of an admin JWT must contain
 * @param requiredRole   value the JWT {@code role} claim must have
 * @param clockSkew      tolerance applied to the token's {@code exp} and {@code nbf}
 */
@ConfigurationProperties("arca.admin")
public record AdminProperties(
        List<Path> publicKeyFiles,
        URI jwksUrl,
        String issuer,
        String audience,
        @DefaultValue("admin") String requiredRole,
        @DefaultValue("60s") Duration clockSkew) {

    public AdminProperties {
        publicKeyFiles = publicKeyFiles == null ? List.of() : List.copyOf(publicKeyFiles);
        if (requiredRole == null || requiredRole.isBlank()) {
            throw new IllegalArgumentException("arca.admin.required-role must not be blank");
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("arca.admin.clock-skew must not be negative");
        }
    }
}
