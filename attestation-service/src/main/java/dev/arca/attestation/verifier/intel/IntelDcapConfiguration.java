package dev.arca.attestation.verifier.intel;

import dev.arca.attestation.collateral.CollateralProperties;
import dev.arca.attestation.collateral.CollateralProvider;
import dev.arca.attestation.collateral.CollateralProviders;
import dev.arca.dcap.CrlPolicy;
import dev.arca.dcap.DcapVerifier;
import dev.arca.dcap.collateral.CollateralVerifier;
import dev.arca.dcap.collateral.PcsCollateralSource;
import dev.arca.dcap.collateral.PcsSettings;
import dev.arca.dcap.collateral.VerifiedCollateralCache;
import dev.arca.dcap.trust.IntelRootCa;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires intel-dcap into the AS (docs/verifiers/intel.md "Collateral"). Collateral comes, in this order of precedence,
 * from the directory {@code arca.as.intel.offline-collateral}; from the collateral framework's offline directory
 * ({@code arca.as.collateral.offline-dir}, files {@code intel-collateral/<key>}); or from the PCS/PCCS at
 * {@code arca.as.intel.pcs-url} through the framework, cached in memory and in the database and refreshed before its
 * nextUpdate (or after {@code arca.as.intel.refresh-after}). Either way intel-dcap's verified-collateral cache
 * verifies it once per platform and refresh.
 */
@Configuration(proxyBeanMethods = false)
class IntelDcapConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IntelDcapConfiguration.class);

    @Bean
    IntelDcap intelDcap(IntelProperties intel, CollateralProperties collateral, CollateralProviders providers,
            Clock clock) {
        if (intel.crlPolicy() == CrlPolicy.CHECK_IF_PRESENT) {
            log.warn("arca.as.intel.crl-policy=check-if-present: quotes are accepted without CRLs when the "
                    + "collateral has none; meant for re-verifying archived evidence, not for production");
        }
        IntelCollateralSource source;
        if (intel.offlineCollateral() != null) {
            source = new OfflineCollateralDirectory(intel.offlineCollateral(), collateral.maxBodySize().toBytes());
            log.info("Intel collateral is read from {} only (offline mode)", intel.offlineCollateral().toAbsolutePath());
        } else {
            source = pcs(intel, collateral, providers, clock);
        }
        IntelRootCa root = intel.trustedRoot();
        if (!root.fingerprints().equals(IntelRootCa.pinned().fingerprints())) {
            log.warn("arca.as.intel.trusted-root-sha256 pins {} instead of Intel's SGX Root CA alone",
                    root.fingerprints());
        }
        VerifiedCollateralCache verified = new VerifiedCollateralCache(source, new CollateralVerifier(root));
        return new IntelDcap(new DcapVerifier(root, verified, intel.crlPolicy()), verified, source,
                collateral.refreshInterval());
    }

    private static IntelCollateralSource pcs(IntelProperties intel, CollateralProperties collateral,
            CollateralProviders providers, Clock clock) {
        PcsSettings settings = new PcsSettings(intel.pcsUrl(), collateral.connectTimeout(),
                collateral.fetchTimeout(), intel.update().wireName(),
                (int) Math.min(Integer.MAX_VALUE - 8, collateral.maxBodySize().toBytes()));
        if (!collateral.offline()) {
            if ("http".equalsIgnoreCase(intel.pcsUrl().getScheme())) {
                log.warn("arca.as.intel.pcs-url {} is plain HTTP: collateral is signed, but an on-path attacker "
                        + "can withhold it or serve older documents; use HTTPS", intel.pcsUrl());
            }
            log.info("Intel collateral from {} ({} TCB update)", intel.pcsUrl(), intel.update().wireName());
        } else {
            log.info("Intel collateral is read from {} only (offline mode)",
                    collateral.offlineDir().resolve(IntelCollateralCodec.KIND).toAbsolutePath());
        }
        CollateralProvider<IntelCollateralKey, IntelCollateralBundle> provider = providers.create(
                new IntelCollateralCodec(clock, intel.refreshAfter()),
                new PcsDocumentSource(new PcsCollateralSource(settings)));
        return new CachedIntelCollateral(provider, intel.update());
    }
}
