package dev.arca.attestation.verifier.intel;

import dev.arca.attestation.collateral.CollateralProperties;
import dev.arca.attestation.collateral.CollateralProviders;
import dev.arca.dcap.CrlPolicy;
import dev.arca.dcap.DcapVerifier;
import dev.arca.dcap.collateral.CollateralVerifier;
import dev.arca.dcap.collateral.PcsCollateralSource;
import dev.arca.dcap.collateral.PcsSettings;
import dev.arca.dcap.collateral.VerifiedCollateralCache;
import dev.arca.dcap.trust.IntelRootCa;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires intel-dcap into the AS collateral chain (docs/verifiers/intel.md "Collateral"): intel-dcap's
 * verified-collateral cache over either the offline folder {@code <arca.as.collateral.offline-dir>/intel} (no network,
 * no database) or intel-dcap's PCS source at {@code arca.as.intel.pcs-url} behind the AS's persistent collateral
 * provider (memory and database, refreshed before its nextUpdate or after {@code arca.as.intel.refresh-after}). Either
 * way collateral is verified once per platform and refresh.
 */
@Configuration(proxyBeanMethods = false)
class IntelDcapConfiguration {

    /** The vendor's folder in {@code arca.as.collateral.offline-dir}. */
    static final String OFFLINE_FOLDER = "intel";

    private static final Logger log = LoggerFactory.getLogger(IntelDcapConfiguration.class);

    @Bean
    IntelDcap intelDcap(IntelProperties intel, CollateralProperties collateral, CollateralProviders providers) {
        if (intel.crlPolicy() == CrlPolicy.CHECK_IF_PRESENT) {
            log.warn("arca.as.intel.crl-policy=check-if-present: quotes are accepted without CRLs when the "
                    + "collateral has none; meant for re-verifying archived evidence, not for production");
        }
        Optional<Path> offline = offlineFolder(collateral);
        IntelCollateralSource source = offline.isPresent()
                ? new OfflineCollateralDirectory(offline.get(), collateral.maxBodySize().toBytes())
                : pcs(intel, collateral, providers);
        IntelRootCa root = intel.trustedRoot();
        if (!root.fingerprints().equals(IntelRootCa.pinned().fingerprints())) {
            log.warn("arca.as.intel.trusted-root-sha256 pins {} instead of Intel's SGX Root CA alone",
                    root.fingerprints());
        }
        VerifiedCollateralCache verified = new VerifiedCollateralCache(source, new CollateralVerifier(root));
        return new IntelDcap(new DcapVerifier(root, verified, intel.crlPolicy()), verified, source,
                collateral.refreshInterval());
    }

    /** {@code <offline-dir>/intel}, or none (online). */
    private static Optional<Path> offlineFolder(CollateralProperties collateral) {
        Optional<Path> folder = collateral.offlineDir(OFFLINE_FOLDER);
        folder.ifPresent(dir -> log.info("Intel collateral is read from {} only (offline mode)",
                dir.toAbsolutePath()));
        return folder;
    }

    private static IntelCollateralSource pcs(IntelProperties intel, CollateralProperties collateral,
            CollateralProviders providers) {
        PcsSettings settings = new PcsSettings(intel.pcsUrl(), collateral.connectTimeout(),
                collateral.fetchTimeout(), intel.update().wireName(),
                (int) Math.min(Integer.MAX_VALUE - 8, collateral.maxBodySize().toBytes()));
        if ("http".equalsIgnoreCase(intel.pcsUrl().getScheme())) {
            log.warn("arca.as.intel.pcs-url {} is plain HTTP: collateral is signed, but an on-path attacker "
                    + "can withhold it or serve older documents; use HTTPS", intel.pcsUrl());
        }
        log.info("Intel collateral from {} ({} TCB update)", intel.pcsUrl(), intel.update().wireName());
        return new CachedIntelCollateral(providers.create(new IntelCollateralCodec(intel.refreshAfter()),
                CachedIntelCollateral.pcs(new PcsCollateralSource(settings))), intel.update());
    }
}
