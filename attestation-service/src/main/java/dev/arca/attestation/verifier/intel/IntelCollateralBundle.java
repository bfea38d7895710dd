package dev.arca.attestation.verifier.intel;

import dev.arca.dcap.collateral.RawCollateral;
import java.time.Instant;

/**
 * One platform's collateral as fetched (not yet verified: intel-dcap's {@code VerifiedCollateralCache} verifies it
 * once per refresh), with when the AS fetches it again ({@link IntelCollateralCodec}).
 */
record IntelCollateralBundle(RawCollateral raw, Instant dueAt) {
}
