package dev.arca.kbs.policy;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Resource policies declared as files, e.g. a ConfigMap mounted as a volume (docs/operations.md "Declarative
 * configuration"): each file's name is a policy id, its content the CEL text, bound to the prefix named on an optional
 * first line {@code // binding: tenant-a/} (a CEL comment, so the file stays plain CEL), else to {@code ""}.
 *
 * @param path         the directory; unset (the default) turns the feature off
 * @param pollInterval how often the directory is read again for changes
 */
@ConfigurationProperties("arca.kbs.policy-directory")
public record ResourcePolicyDirectoryProperties(Path path, @DefaultValue("5s") Duration pollInterval) {

    public ResourcePolicyDirectoryProperties {
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("arca.kbs.policy-directory.poll-interval must be positive");
        }
    }
}
