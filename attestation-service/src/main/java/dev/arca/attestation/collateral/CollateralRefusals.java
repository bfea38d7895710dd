package dev.arca.attestation.collateral;

import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.VerificationException.Failure;
import java.time.Instant;

/**
 * The one translation of collateral refusals into the verifier framework's failures, for every vendor: collateral
 * that cannot be had or used is the collateral source's problem ({@link Failure#COLLATERAL_UNAVAILABLE}, 503, retry
 * later); collateral past its end of validity at the verification instant is the evidence's
 * ({@link Failure#COLLATERAL_EXPIRED}, 403). A vendor's refusal translation (Intel's {@code DcapRefusals}) sends its
 * collateral reasons here.
 */
public final class CollateralRefusals {

    private CollateralRefusals() {
    }

    /**
     * @param vendor as the caller reads it: {@code Intel}, {@code AMD}
     * @param detail what could not be had or used, e.g. the source's message
     */
    public static VerificationException unavailable(String vendor, String detail, Throwable cause) {
        return new VerificationException(Failure.COLLATERAL_UNAVAILABLE,
                vendor + " collateral unavailable or unusable (" + detail + "); retry later", cause);
    }

    /**
     * "collateral expired (TCB Info nextUpdate …, verification instant …); …": what expired, when, and what the
     * caller can do.
     *
     * @param what what expired and when, e.g. {@code TCB Info nextUpdate 2024-06-01T00:00:00Z}
     * @param at   the verification instant
     */
    public static VerificationException expired(String vendor, String what, Instant at, Throwable cause) {
        return new VerificationException(Failure.COLLATERAL_EXPIRED, "collateral expired (" + what
                + ", verification instant " + at + "); the AS needs current " + vendor + " collateral; verify as of "
                + "an earlier instant for audits (verify_at, allowed by arca.as.allow-verify-as-of)", cause);
    }
}
