package dev.arca.nvidia;

import java.util.Objects;

/**
 * NVIDIA GPU evidence that Arca refused, with the region of the evidence that was wrong as a machine-readable
 * {@link Reason} and a message the caller can act on.
 */
public class NvidiaVerificationException extends Exception {

    /** Which region of the evidence the refusal is about. */
    public enum Reason {
        /** The SPDM request, response, measurement record or opaque data is malformed or unsupported. */
        FORMAT,
        /** The certificate chain is unparsable, too short, broken, outside its validity or not under a pinned root. */
        CHAIN,
        /** The leaf has no FWID extension, or its FWID is not the one the report's opaque data carries. */
        FWID_MISMATCH,
        /** The ECDSA P-384 signature by the device leaf over the request and response does not verify. */
        SIGNATURE,
        /** The nonce of the GET_MEASUREMENTS request is not the expected report data. */
        NONCE_MISMATCH,
        /** NVIDIA's OCSP service reports a certificate of the device chain revoked (or does not know it). */
        REVOKED,
        /** The OCSP check of the device chain could not be made: responder unreachable, or its answer unusable. */
        REVOCATION_UNAVAILABLE,
        /** Anything else; the evidence is refused (fail closed). */
        UNEXPECTED
    }

    private final Reason reason;

    public NvidiaVerificationException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public NvidiaVerificationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public static NvidiaVerificationException format(String message) {
        return new NvidiaVerificationException(Reason.FORMAT, message);
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "NvidiaVerificationException[" + reason + "]: " + getMessage();
    }
}
