package dev.arca.kbs.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keys shared by the three Arca services (docs/architecture.md "Common to the three services"). Who may call the
 * admin API ({@code arca.admin.*}) and the service-to-service credentials ({@code arca.callers.*}) are read by
 * service-support.
 *
 * @param dataDir where the H2 database and generated keys (the KEK, the certificate CA) live
 */
@ConfigurationProperties("arca")
public record ArcaProperties(@DefaultValue("./data/kbs") Path dataDir) {
}
