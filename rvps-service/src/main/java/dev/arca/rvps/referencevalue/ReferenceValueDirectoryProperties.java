package dev.arca.rvps.referencevalue;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Provenance messages declared as files, e.g. a ConfigMap mounted as a volume (docs/operations.md "Declarative
 * configuration"): each file holds one message (JSON: version, type, payload) as {@code POST /reference-values} takes it.
 *
 * @param path         the directory; unset (the default) turns the feature off
 * @param pollInterval how often the directory is read again for changes
 */
@ConfigurationProperties("arca.rvps.reference-value-directory")
public record ReferenceValueDirectoryProperties(Path path, @DefaultValue("5s") Duration pollInterval) {

    public ReferenceValueDirectoryProperties {
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("arca.rvps.reference-value-directory.poll-interval must be positive");
        }
    }
}
