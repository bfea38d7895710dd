package dev.arca.attestation.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Keys common to the three services (docs/architecture.md "Common to the three services").
 *
 * @param dataDir where the H2 database and generated keys live
 * @param admin   who may call the admin endpoints
 */
@ConfigurationProperties("arca")
@Validated
public record ArcaProperties(
        @DefaultValue("./data/attestation-service") @NotNull Path dataDir,
        @DefaultValue @Valid Admin admin) {

    /**
     * @param publicKeyFiles PEM files whose keys may sign admin JWTs; none configured means no admin call succeeds
     * @param requiredRole   the value the admin JWT's {@code role} claim must have
     */
    public record Admin(
            @DefaultValue List<Path> publicKeyFiles,
            @DefaultValue("admin") @NotBlank String requiredRole) {
    }
}
