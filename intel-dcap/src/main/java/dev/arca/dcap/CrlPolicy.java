package dev.arca.dcap;

/** Whether the PCK CRL and Root CA CRL must be part of the collateral. */
public enum CrlPolicy {
    /** Both CRLs are required; missing CRLs refuse the quote (COLLATERAL_UNAVAILABLE). The default: fail closed. */
    REQUIRE,
    /**
     * CRLs are checked when the source has them and skipped otherwise. For offline re-verification with archived
     * collateral that lacks time-matched CRLs (as some published test collateral does); not for production.
     */
    CHECK_IF_PRESENT
}
