package dev.arca.dcap;

import java.util.Objects;

/**
 * Evidence that Arca's Intel DCAP verification refused, with a machine-readable {@link Reason} and a message that
 * says what was wrong in terms the caller can act on (no secrets, no stack traces needed to understand it).
 */
public class DcapVerificationException extends Exception {

    /** Why the quote was refused. The attestation service maps these to problem types and HTTP statuses. */
    public enum Reason {
        /** The quote, its certification data, an event log or a certificate extension is malformed or unsupported. */
        FORMAT,
        /** The quote signature by the attestation key over header‖body does not verify. */
        SIGNATURE,
        /** The QE report signature by the PCK leaf does not verify. */
        QE_SIGNATURE,
        /** QE report_data is not SHA-256(attestation key ‖ QE auth data) ‖ 32 zero bytes. */
        QE_REPORT_DATA,
        /** The PCK chain is unparsable, does not chain to the pinned Intel SGX Root CA, or is not valid at the instant. */
        PCK_CHAIN,
        /** A certificate is on a CRL, or the TCB level / QE level / TDX module level is Revoked. */
        REVOKED,
        /** TCB Info, QE Identity or a CRL is malformed, badly signed, or its signing chain is not trusted/valid. */
        COLLATERAL_INVALID,
        /** The collateral is for another FMSPC, PCE-ID, TEE type or enclave id than the quote. */
        COLLATERAL_MISMATCH,
        /** A piece of collateral is past its nextUpdate at the verification instant. */
        COLLATERAL_EXPIRED,
        /** Collateral could not be obtained (not found, PCS/PCCS unreachable); not the evidence's fault. */
        COLLATERAL_UNAVAILABLE,
        /** No TCB level of the TCB Info matches the platform (Intel QVL: TCB_NOT_SUPPORTED). */
        TCB_NOT_MATCHED,
        /** The TD's TDX module does not match the TCB Info's module identity (Intel QVL: TDX_MODULE_MISMATCH). */
        TDX_MODULE_MISMATCH,
        /** The QE report does not match the QE Identity (MRSIGNER, ISVPRODID, MISCSELECT or attributes). */
        QE_IDENTITY,
        /** The quote does not bind the expected report data. */
        REPORT_DATA_MISMATCH,
        /** The quote does not bind the expected init-data digest. */
        INIT_DATA_MISMATCH,
        /** Replaying the CC event log does not give the quote's RTMRs. */
        EVENT_LOG_MISMATCH,
        /** Anything else that went wrong while verifying; the evidence is refused (fail closed). */
        UNEXPECTED
    }

    private final Reason reason;

    public DcapVerificationException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public DcapVerificationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "DcapVerificationException[" + reason + "]: " + getMessage();
    }
}
