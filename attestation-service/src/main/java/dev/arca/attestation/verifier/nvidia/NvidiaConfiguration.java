package dev.arca.attestation.verifier.nvidia;

import dev.arca.model.admin.HttpJwkSetFetcher;
import dev.arca.model.admin.JwkSetCache;
import dev.arca.nvidia.GpuReportVerifier;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code nvidia} verifier, read once at startup from {@code arca.as.nvidia.*}: the pinned device roots, and in
 * remote mode NRAS's endpoint and key set.
 */
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

    @Bean
    NvidiaVerifier nvidiaVerifier(GpuReportVerifier local, NvidiaProperties properties, JsonMapper json,
            Clock clock) {
        if (properties.mode() != NvidiaProperties.Mode.REMOTE) {
            return new NvidiaVerifier(local);
        }
        return new NvidiaVerifier(local, Optional.of(nras(properties.nras(), json, clock)));
    }

    static NrasAppraisal nras(NvidiaProperties.Nras settings, JsonMapper json, Clock clock) {
        JwkSetCache keys = new JwkSetCache(settings.jwksUrl().toString(), new HttpJwkSetFetcher(settings.jwksUrl(),
                settings.connectTimeout(), settings.readTimeout()), clock, settings.jwksRefetch());
        return new NrasAppraisal(new NrasClient(settings), new NrasResult(keys, json), json);
    }
}
