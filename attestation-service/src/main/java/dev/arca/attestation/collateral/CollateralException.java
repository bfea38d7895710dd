package dev.arca.attestation.collateral;

/** Collateral that could not be obtained; the reason says whether asking again later can help. */
public class CollateralException extends Exception {

    /** Why no collateral came back. */
    public enum Reason {
        /** The source answered that it has nothing for the key (HTTP 404/410, no such file). */
        NOT_AVAILABLE,
        /** The source could not be reached, timed out or failed; a later attempt may succeed. */
        UNAVAILABLE,
        /** The source answered something that is not a document of the expected kind. */
        INVALID
    }

    private final Reason reason;

    public CollateralException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public CollateralException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
