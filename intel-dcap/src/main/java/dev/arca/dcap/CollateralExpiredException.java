package dev.arca.dcap;

import java.time.Instant;

/**
 * A piece of collateral (TCB Info, QE Identity, a CRL) or a certificate that signs it is past its end of validity at
 * the verification instant. Real collateral is short-lived (30 days); auditors re-verify old evidence "as of" an
 * instant inside the collateral's window.
 */
public final class CollateralExpiredException extends DcapVerificationException {

    private final String item;
    private final Instant expiredAt;

    public CollateralExpiredException(String item, Instant expiredAt, Instant at) {
        super(Reason.COLLATERAL_EXPIRED, item + " expired at " + expiredAt + " (verification instant " + at + ")");
        this.item = item;
        this.expiredAt = expiredAt;
    }

    /** Which collateral expired, e.g. {@code "TCB Info"} or {@code "PCK CRL"}. */
    public String item() {
        return item;
    }

    public Instant expiredAt() {
        return expiredAt;
    }
}
