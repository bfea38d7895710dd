package dev.arca.attestation.config;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Keys common to the three services (docs/architecture.md "Common to the three services"). Who may call the admin
 * endpoints ({@code arca.admin.*}) and the internal API ({@code arca.callers.*}) is read by service-support.
 *
 * @param dataDir where the H2 database and generated keys live
 */
@ConfigurationProperties("arca")
@Validated
public record ArcaProperties(@DefaultValue("./data/attestation-service") @NotNull Path dataDir) {
}
