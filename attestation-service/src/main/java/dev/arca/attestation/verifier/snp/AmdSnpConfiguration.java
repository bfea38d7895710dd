package dev.arca.attestation.verifier.snp;

import dev.arca.attestation.collateral.CollateralProperties;
import dev.arca.attestation.collateral.CollateralProviders;
import dev.arca.snp.SnpVerifier;
import dev.arca.snp.SnpVerifierOptions;
import dev.arca.snp.cert.AmdRootKeys;
import dev.arca.snp.kds.KdsClient;
import dev.arca.snp.kds.KdsSettings;
import dev.arca.snp.kds.OfflineCertificateDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires amd-snp into the AS collateral chain (docs/verifiers/amd.md "Certificates"): amd-snp's verified certificate
 * cache over either the offline folder {@code <arca.as.collateral.offline-dir>/amd} (no network, no database) or
 * amd-snp's KDS client at {@code arca.as.amd.kds-url} behind the AS's persistent collateral provider (memory and
 * database, shared by replicas). Certificates the evidence carries (extended report) are used first either way.
 */
@Configuration(proxyBeanMethods = false)
class AmdSnpConfiguration {

    /** The vendor's folder in {@code arca.as.collateral.offline-dir}. */
    static final String OFFLINE_FOLDER = "amd";

    private static final Logger log = LoggerFactory.getLogger(AmdSnpConfiguration.class);

    @Bean
    AmdSnp amdSnp(AmdProperties amd, CollateralProperties collateral, CollateralProviders providers) {
        AmdRootKeys roots = amd.roots();
        if (amd.arkSha256() != null && !amd.arkSha256().isEmpty()) {
            log.warn("arca.as.amd.ark-sha256 pins {} instead of AMD's ARKs", amd.arkSha256());
        }
        SnpVerifierOptions options = new SnpVerifierOptions(amd.v2Generation(), collateral.refreshInterval()
                .compareTo(Duration.ofHours(1)) > 0 ? collateral.refreshInterval() : Duration.ofHours(1));
        Optional<Path> offline = collateral.offlineDir(OFFLINE_FOLDER);
        if (offline.isPresent()) {
            log.info("AMD certificates are read from {} only (offline mode)", offline.get().toAbsolutePath());
            return new AmdSnp(SnpVerifier.forSource(new OfflineCertificateDirectory(offline.get()), roots, options),
                    () -> false, collateral.refreshInterval());
        }
        if ("http".equalsIgnoreCase(amd.kdsUrl().getScheme())) {
            log.warn("arca.as.amd.kds-url {} is plain HTTP: certificates are signed, but an on-path attacker can "
                    + "withhold them; use HTTPS", amd.kdsUrl());
        }
        log.info("AMD certificates from {}", amd.kdsUrl());
        KdsClient kds = new KdsClient(new KdsSettings(amd.kdsUrl(), collateral.connectTimeout(),
                collateral.fetchTimeout(), (int) Math.min(Integer.MAX_VALUE - 8,
                collateral.maxBodySize().toBytes())));
        CachedAmdCertificates cached = new CachedAmdCertificates(providers.create(new KdsDocumentCodec(),
                CachedAmdCertificates.kds(kds)));
        return new AmdSnp(SnpVerifier.forSource(cached, roots, options), cached::replacedSinceServed,
                collateral.refreshInterval());
    }
}
