package dev.arca.dcap.collateral;

import java.util.Optional;

/**
 * TCB statuses as Intel's TCB Info v3 / QE Identity v2 JSON spell them, plus the two TD-relaunch results Intel's
 * QVL derives for TDX 1.5 bodies. The wire names are what the {@code tcb_status} claim carries (Trustee tdx
 * verifier).
 */
public enum TcbStatus {
    UP_TO_DATE("UpToDate"),
    SW_HARDENING_NEEDED("SWHardeningNeeded"),
    CONFIGURATION_NEEDED("ConfigurationNeeded"),
    CONFIGURATION_AND_SW_HARDENING_NEEDED("ConfigurationAndSWHardeningNeeded"),
    OUT_OF_DATE("OutOfDate"),
    OUT_OF_DATE_CONFIGURATION_NEEDED("OutOfDateConfigurationNeeded"),
    REVOKED("Revoked"),
    TD_RELAUNCH_ADVISED("TDRelaunchAdvised"),
    TD_RELAUNCH_ADVISED_CONFIGURATION_NEEDED("TDRelaunchAdvisedConfigurationNeeded");

    private final String wireName;

    TcbStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<TcbStatus> fromWire(String name) {
        for (TcbStatus status : values()) {
            if (status.wireName.equals(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** Statuses whose remedy includes a platform configuration change (Intel QVL TDRelaunchCheck). */
    public boolean configurationNeeded() {
        return this == CONFIGURATION_NEEDED || this == OUT_OF_DATE_CONFIGURATION_NEEDED
                || this == CONFIGURATION_AND_SW_HARDENING_NEEDED || this == TD_RELAUNCH_ADVISED_CONFIGURATION_NEEDED;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
