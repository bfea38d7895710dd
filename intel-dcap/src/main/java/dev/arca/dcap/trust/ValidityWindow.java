package dev.arca.dcap.trust;

import dev.arca.dcap.CollateralExpiredException;
import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import java.time.Instant;

/**
 * When a certificate or a piece of collateral may be relied on. Certificates are valid through notAfter inclusive
 * (RFC 5280 §4.1.2.5); TCB Info, QE Identity and CRLs only until their nextUpdate.
 *
 * @param item          what this is, named for messages ("TCB Info", "PCK leaf certificate", …)
 * @param notBefore     issueDate / thisUpdate / notBefore
 * @param notAfter      nextUpdate / notAfter
 * @param certificate   true for a certificate (inclusive end), false for collateral (exclusive end)
 */
public record ValidityWindow(String item, Instant notBefore, Instant notAfter, boolean certificate) {

    public boolean contains(Instant at) {
        return !at.isBefore(notBefore) && (certificate ? !at.isAfter(notAfter) : at.isBefore(notAfter));
    }

    /**
     * @param notYetValidReason the reason when the instant precedes the window (PCK_CHAIN for the quote's chain,
     *                          COLLATERAL_INVALID for collateral)
     * @throws CollateralExpiredException for collateral past its end
     */
    public void require(Instant at, Reason notYetValidReason, Reason expiredReason) throws DcapVerificationException {
        if (at.isBefore(notBefore)) {
            throw new DcapVerificationException(notYetValidReason,
                    item + " is not yet valid at " + at + " (valid from " + notBefore + ")");
        }
        if (!contains(at)) {
            if (expiredReason == Reason.COLLATERAL_EXPIRED) {
                throw new CollateralExpiredException(item, notAfter, at);
            }
            throw new DcapVerificationException(expiredReason, item + " expired at " + notAfter
                    + " (verification instant " + at + ")");
        }
    }
}
