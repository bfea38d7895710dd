package dev.arca.attestation.verifier.intel;

import dev.arca.attestation.collateral.CollateralProperties;
import dev.arca.attestation.collateral.CollateralProviders;
import dev.arca.attestation.collateral.CollateralStore;
import dev.arca.attestation.collateral.TestCollateral;
import dev.arca.dcap.CrlPolicy;
import dev.arca.dcap.trust.IntelRootCa;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/** Builds the Intel verification as the service's configuration does, without a Spring context. */
final class IntelTestWiring {

    private IntelTestWiring() {
    }

    /**
     * @param offlineDir      {@code arca.as.collateral.offline-dir}, or null
     * @param refreshInterval also the offline directory's check interval
     */
    static CollateralProperties collateral(Path offlineDir, Duration refreshInterval) {
        return TestCollateral.properties(offlineDir, refreshInterval);
    }

    /** Intel's root pinned, as in production. */
    static IntelProperties intel(URI pcsUrl, CrlPolicy crlPolicy) {
        return intel(pcsUrl, crlPolicy, IntelRootCa.INTEL_SGX_ROOT_CA_SHA256);
    }

    /** @param trustedRootSha256 the pinned root: a test PKI's, the only thing a test swaps */
    static IntelProperties intel(URI pcsUrl, CrlPolicy crlPolicy, String trustedRootSha256) {
        return new IntelProperties(pcsUrl, TcbUpdate.EARLY, crlPolicy, Duration.ofHours(24),
                Set.of(trustedRootSha256));
    }

    static CollateralProviders providers(CollateralProperties collateral, CollateralStore store, Clock clock) {
        return new CollateralProviders(collateral, store, clock, new SimpleMeterRegistry());
    }

    /** @param collateral its refresh interval is how often the Intel verification looks for replaced collateral */
    static IntelDcap dcap(IntelProperties intel, CollateralProperties collateral, CollateralProviders providers) {
        return new IntelDcapConfiguration().intelDcap(intel, collateral, providers);
    }
}
