package dev.arca.attestation.policy;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Attestation policies declared as files, e.g. a ConfigMap mounted as a volume (docs/operations.md "Declarative
 * configuration"): each file's name is a policy id, its content the CEL text.
 *
 * @param path         the directory; unset (the default) turns the feature off
 * @param pollInterval how often the directory is read again for changes
 */
@ConfigurationProperties("arca.as.policy-directory")
public record PolicyDirectoryProperties(Path path, @DefaultValue("5s") Duration pollInterval) {

    public PolicyDirectoryProperties {
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("arca.as.policy-directory.poll-interval must be positive");
        }
    }
}
