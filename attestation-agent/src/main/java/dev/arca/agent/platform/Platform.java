package dev.arca.agent.platform;

import java.util.Map;
import java.util.Objects;

/**
 * What an attester may look at: the kernel's files, where they are, and the environment (upstream switches such as
 * {@code ENABLE_SAMPLE_DEVICE}, {@code OCCLUM}, {@code AA_TPM_DEVICE}: guest-components attestation-agent README).
 */
public record Platform(HostFiles files, HostPaths paths, Map<String, String> environment) {

    public Platform {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(paths, "paths");
        environment = Map.copyOf(environment);
    }

    public static Platform host(Map<String, String> environment) {
        return new Platform(HostFiles.SYSTEM, HostPaths.fromSystemProperties(), environment);
    }

    public String env(String name) {
        return environment.get(name);
    }
}
