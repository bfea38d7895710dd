package dev.arca.rvps.admin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the admin endpoints (docs/architecture.md, "Common to the three services").
 *
 * @param publicKeyFiles PEM files whose keys may sign admin JWTs; none means every admin call is refused
 * @param requiredRole   value the JWT {@code role} claim must have
 * @param clockSkew      tolerance applied to the token's {@code exp} and {@code nbf}
 */
@ConfigurationProperties("arca.admin")
public record AdminProperties(
        List<Path> publicKeyFiles,
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
