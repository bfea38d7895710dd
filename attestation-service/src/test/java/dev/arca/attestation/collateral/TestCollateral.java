package dev.arca.attestation.collateral;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.util.unit.DataSize;

/** The collateral settings the verifiers' tests run with: the service's defaults but for what a test varies. */
public final class TestCollateral {

    private TestCollateral() {
    }

    /**
     * @param offlineDir      {@code arca.as.collateral.offline-dir}, or null
     * @param refreshInterval also the offline directory's check interval
     */
    public static CollateralProperties properties(Path offlineDir, Duration refreshInterval) {
        return new CollateralProperties(offlineDir, Duration.ofSeconds(2), Duration.ofSeconds(10),
                DataSize.ofMegabytes(4), Duration.ofHours(24), Duration.ofMinutes(1), Duration.ofHours(1),
                refreshInterval, Duration.ofDays(7), 1024, Duration.ofMinutes(10));
    }
}
