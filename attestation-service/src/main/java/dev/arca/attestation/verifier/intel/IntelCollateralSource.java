package dev.arca.attestation.verifier.intel;

import dev.arca.dcap.collateral.CollateralSource;

/**
 * Where the verified-collateral cache gets Intel collateral, and how it learns that the collateral it verified has
 * been replaced: the verified copies must then go, so each refresh is verified once and then used.
 */
interface IntelCollateralSource extends CollateralSource {

    /** True when documents have been replaced since they were last handed out (a refresh, a changed file). */
    boolean replacedSinceServed();
}
