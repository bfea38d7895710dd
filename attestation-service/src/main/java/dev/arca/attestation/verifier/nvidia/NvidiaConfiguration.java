package dev.arca.attestation.verifier.nvidia;

import dev.arca.model.admin.HttpJwkSetFetcher;
import dev.arca.model.admin.JwkSetCache;
import dev.arca.nvidia.GpuReportVerifier;
import dev.arca.nvidia.ocsp.DeviceChainOcsp;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code nvidia} verifier, read once at startup from {@code arca.as.nvidia.*}: the pinned device roots, and in
 * remote mode NRAS's endpoint and key set.
 */
@Configuration(proxyBeanMethods = false)
class NvidiaConfiguration {

    private static final System.Logger log = System.getLogger(NvidiaConfiguration.class.getName());

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
        if (properties.mode() == NvidiaProperties.Mode.REMOTE) {
            return new NvidiaVerifier(local, Optional.of(nras(properties.nras(), json, clock)), Optional.empty());
        }
        NvidiaProperties.Ocsp ocsp = properties.ocsp();
        return new NvidiaVerifier(local, Optional.empty(), Optional.ofNullable(ocsp.url()).map(url ->
                new DeviceChainOcsp(url, ocsp.connectTimeout(), ocsp.readTimeout(), ocsp.cacheAge())));
    }

    /** Present only when RIM files are configured; they are read and verified once, now. */
    @Bean
    @ConditionalOnProperty(prefix = "arca.as.nvidia", name = "rim-directory")
    NvidiaRimReferenceValues nvidiaRimReferenceValues(NvidiaProperties properties, Clock clock) {
        NvidiaRimReferenceValues rims = NvidiaRimReferenceValues.load(properties.rimDirectory(),
                properties.rimTrustAnchors(), clock.instant());
        log.log(System.Logger.Level.INFO, "read {0} NVIDIA RIM file(s): {1}", rims.manifests().size(),
                rims.manifests().stream().map(m -> m.name() + " " + m.version()).toList());
        return rims;
    }

    static NrasAppraisal nras(NvidiaProperties.Nras settings, JsonMapper json, Clock clock) {
        JwkSetCache keys = new JwkSetCache(settings.jwksUrl().toString(), new HttpJwkSetFetcher(settings.jwksUrl(),
                settings.connectTimeout(), settings.readTimeout()), clock, settings.jwksRefetch());
        return new NrasAppraisal(new NrasClient(settings), new NrasResult(keys, json), json);
    }
}
