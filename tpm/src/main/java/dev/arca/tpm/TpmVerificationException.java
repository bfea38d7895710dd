package dev.arca.tpm;

import java.util.Objects;

/**
 * TPM evidence that Arca refused, with the region of the evidence that was wrong as a machine-readable
 * {@link Reason} and a message the caller can act on.
 */
public class TpmVerificationException extends Exception {

    /** Which region of the evidence the refusal is about. */
    public enum Reason {
        /** A TPM structure (TPMS_ATTEST, TPMT_SIGNATURE, TPMT_PUBLIC), an HCL report or an event log is malformed. */
        FORMAT,
        /** The quote signature by the attestation key over TPMS_ATTEST does not verify. */
        SIGNATURE,
        /** The PCR values given with the quote do not hash to its pcrDigest, or do not match its selection. */
        PCR_DIGEST,
        /** TPMS_ATTEST.extraData is not the expected nonce. */
        NONCE_MISMATCH,
        /** The attestation key is neither certified by a configured root nor on the configured list. */
        AK_UNTRUSTED,
        /** Replaying the event log does not give the quoted PCRs. */
        EVENT_LOG_MISMATCH,
        /** The init-data digest is not what the init-data PCR holds. */
        INIT_DATA_MISMATCH,
        /** The hardware report does not bind the HCL variable data, or the user data is not the report data. */
        HCL_BINDING,
        /** Anything else; the evidence is refused (fail closed). */
        UNEXPECTED
    }

    private final Reason reason;

    public TpmVerificationException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public TpmVerificationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public static TpmVerificationException format(String message) {
        return new TpmVerificationException(Reason.FORMAT, message);
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "TpmVerificationException[" + reason + "]: " + getMessage();
    }
}
