package dev.arca.dcap.quote;

import dev.arca.dcap.DcapVerificationException;

/** The bytes are not a quote Arca can read: truncated, a length that does not fit, an unsupported version or type. */
public final class QuoteFormatException extends DcapVerificationException {

    public QuoteFormatException(String reason) {
        super(Reason.FORMAT, reason);
    }
}
