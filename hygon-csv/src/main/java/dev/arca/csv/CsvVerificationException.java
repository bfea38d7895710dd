package dev.arca.csv;

import java.util.Objects;

/**
 * Hygon CSV evidence that Arca refused, with the region of the evidence that was wrong as a machine-readable
 * {@link Reason} and a message the caller can act on.
 */
public class CsvVerificationException extends Exception {

    /** Which region of the evidence, or which link of its chain, the refusal is about. */
    public enum Reason {
        /** The evidence JSON, the report, a certificate or the event log is malformed or unsupported. */
        FORMAT,
        /** The HRK is not the pinned Hygon root key, is not an HRK or does not verify its own signature. */
        ROOT_KEY,
        /** The HSK is not signed by the HRK. */
        HSK_SIGNATURE,
        /** The CEK is not signed by the HSK. */
        CEK_SIGNATURE,
        /** The PEK is not signed by the CEK. */
        PEK_SIGNATURE,
        /** The report is not signed by the PEK. */
        REPORT_SIGNATURE,
        /** The report data is not the expected report data. */
        REPORT_DATA_MISMATCH,
        /** The CC event log does not replay to the report's RTMRs. */
        EVENT_LOG_MISMATCH,
        /** The HRK, HSK or CEK could not be had from the offline folder or Hygon's KDS. */
        CERTIFICATES_UNAVAILABLE,
        /** Anything else; the evidence is refused (fail closed). */
        UNEXPECTED
    }

    private final Reason reason;
    private final boolean unknownToSource;

    public CsvVerificationException(Reason reason, String message) {
        this(reason, message, null, false);
    }

    public CsvVerificationException(Reason reason, String message, Throwable cause) {
        this(reason, message, cause, false);
    }

    private CsvVerificationException(Reason reason, String message, Throwable cause, boolean unknownToSource) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.unknownToSource = unknownToSource;
    }

    public static CsvVerificationException format(String message) {
        return new CsvVerificationException(Reason.FORMAT, message);
    }

    /** The certificate source answered that it has nothing for the chip (HTTP 404, no such file). */
    public static CsvVerificationException unknownToSource(String message) {
        return new CsvVerificationException(Reason.CERTIFICATES_UNAVAILABLE, message, null, true);
    }

    public Reason reason() {
        return reason;
    }

    /** Whether a certificate source said it has nothing for the key (as opposed to failing to answer). */
    public boolean isUnknownToSource() {
        return unknownToSource;
    }

    @Override
    public String toString() {
        return "CsvVerificationException[" + reason + "]: " + getMessage();
    }
}
