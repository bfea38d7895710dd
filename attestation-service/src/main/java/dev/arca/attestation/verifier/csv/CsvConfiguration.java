package dev.arca.attestation.verifier.csv;

import dev.arca.attestation.collateral.CollateralProperties;
import dev.arca.attestation.collateral.CollateralProviders;
import dev.arca.csv.CsvReportVerifier;
import dev.arca.csv.cert.HygonCertificateChain;
import dev.arca.csv.kds.HygonKdsClient;
import dev.arca.csv.kds.OfflineHygonCertificates;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires hygon-csv into the AS collateral chain: the HRK and the HSK/CEK the evidence does not carry come from the
 * offline folder {@code <arca.as.collateral.offline-dir>/hygon} (no network, no database), or from Hygon's KDS at
 * {@code arca.as.hygon.kds-url} behind the AS's persistent collateral provider (kind {@code hygon-kds}). The HRK is
 * trusted by the fingerprint {@code arca.as.hygon.hrk-sha256}, wherever it comes from.
 */
@Configuration(proxyBeanMethods = false)
class CsvConfiguration {

    /** The vendor's folder in {@code arca.as.collateral.offline-dir}. */
    static final String OFFLINE_FOLDER = "hygon";

    private static final Logger log = LoggerFactory.getLogger(CsvConfiguration.class);

    @Bean
    CsvReportVerifier csvReportVerifier(HygonProperties hygon, CollateralProperties collateral,
            CollateralProviders providers) {
        HygonCertificateChain chain = new HygonCertificateChain(hygon.hrkSha256());
        if (!HygonCertificateChain.HYGON_HRK_SHA256.equals(chain.pinnedHrkSha256())) {
            log.warn("arca.as.hygon.hrk-sha256 pins {} instead of Hygon's root key", chain.pinnedHrkSha256());
        }
        Optional<Path> offline = collateral.offlineDir(OFFLINE_FOLDER);
        if (offline.isPresent()) {
            log.info("Hygon certificates are read from {} only (offline mode)", offline.get().toAbsolutePath());
            return new CsvReportVerifier(chain, new OfflineHygonCertificates(offline.get()));
        }
        if ("http".equalsIgnoreCase(hygon.kdsUrl().getScheme())) {
            log.warn("arca.as.hygon.kds-url {} is plain HTTP: certificates are signed, but an on-path attacker can "
                    + "withhold them; use HTTPS", hygon.kdsUrl());
        }
        HygonKdsClient kds = new HygonKdsClient(hygon.kdsUrl(), collateral.connectTimeout(),
                collateral.fetchTimeout(), (int) Math.min(Integer.MAX_VALUE - 8, collateral.maxBodySize().toBytes()));
        return new CsvReportVerifier(chain, new CachedHygonCertificates(providers.create(new HygonKdsCodec(),
                CachedHygonCertificates.kds(kds))));
    }
}
