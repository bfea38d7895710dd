package dev.arca.attestation.verifier.nvidia;

import dev.arca.nvidia.GpuReportVerifier;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code nvidia} verifier's pinned device roots, read once at startup from {@code arca.as.nvidia.*}. */
@Configuration(proxyBeanMethods = false)
class NvidiaConfiguration {

    @Bean
    GpuReportVerifier gpuReportVerifier(NvidiaProperties properties) {
        Set<String> pins = properties.rootSha256().stream().map(p -> p.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        if (pins.isEmpty() || pins.stream().anyMatch(p -> !p.matches("[0-9a-f]{64}"))) {
            throw new IllegalStateException("arca.as.nvidia.root-sha256 must list hex SHA-256 fingerprints");
        }
        return new GpuReportVerifier(pins);
    }
}
