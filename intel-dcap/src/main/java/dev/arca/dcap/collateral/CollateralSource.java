package dev.arca.dcap.collateral;

import dev.arca.dcap.DcapVerificationException;

/**
 * Where Intel collateral comes from: Intel's PCS or a PCCS over HTTP ({@link PcsCollateralSource}), files captured
 * earlier ({@link OfflineCollateralSource}, {@link QuoteCollateralBundle}). Sources only fetch; verification is
 * {@link CollateralVerifier}'s job and caching {@link VerifiedCollateralCache}'s.
 */
@FunctionalInterface
public interface CollateralSource {

    /**
     * @throws DcapVerificationException COLLATERAL_UNAVAILABLE when the source has nothing for the request or cannot
     *                                   be reached; COLLATERAL_INVALID when what it returned cannot be read
     */
    RawCollateral fetch(CollateralRequest request) throws DcapVerificationException;

    /** A source that answers every request with the same collateral, e.g. one captured with the quote. */
    static CollateralSource fixed(RawCollateral collateral) {
        return request -> collateral;
    }
}
