package dev.arca.snp;

import java.util.Objects;

/**
 * An SEV-SNP report that Arca's verification refused, with the {@link Reason} (the region of the evidence that failed)
 * and a message that says what was wrong in terms the caller can act on.
 */
public class SnpVerificationException extends Exception {

    /** Why the report was refused. The attestation service maps these to problem types and HTTP statuses. */
    public enum Reason {
        /**
         * The report, a certificate, its AMD extensions, the certificate table or a CRL cannot be read, or the
         * evidence lacks what it must carry (the VLEK of a VLEK-signed report; the VCEK of a version-2 report when no
         * product is configured for them).
         */
        MALFORMED,
        /** The report's ECDSA P-384 signature by the VCEK/VLEK does not verify. */
        SIGNATURE,
        /**
         * The VCEK/VLEK does not chain to a pinned ARK through the ASK (VCEK) or ASVK (VLEK) of the report's
         * processor generation, or a certificate signature (RSA-PSS SHA-384) does not verify.
         */
        CHAIN,
        /** The report's reported_tcb differs from the SPLs certified in the VCEK/VLEK. */
        TCB_MISMATCH,
        /** The report's chip_id differs from the VCEK's hwID. */
        CHIP_ID,
        /** The report does not bind the expected report data. */
        REPORT_DATA,
        /** The report's host_data does not bind the expected init-data digest. */
        INIT_DATA,
        /** The report was not requested at the VMPL the verifier requires. */
        VMPL,
        /** A certificate of the chain is not valid (expired or not yet valid) at the verification instant. */
        EXPIRED,
        /** A certificate of the chain is on AMD's CRL. */
        REVOKED,
        /** Certificates could not be obtained (KDS unreachable, not in the offline directory); not the evidence's fault. */
        CERTIFICATES_UNAVAILABLE,
        /** Anything else that went wrong while verifying; the report is refused (fail closed). */
        UNEXPECTED
    }

    private final Reason reason;
    private final boolean unknownToSource;

    public SnpVerificationException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.unknownToSource = false;
    }

    private SnpVerificationException(String message, boolean unknownToSource) {
        super(message);
        this.reason = Reason.CERTIFICATES_UNAVAILABLE;
        this.unknownToSource = unknownToSource;
    }

    /**
     * {@link Reason#CERTIFICATES_UNAVAILABLE} because the source answered that it has nothing for the request (the
     * KDS's 404 for a chip id or TCB it does not know), as opposed to not answering: a cache may remember the former
     * for a while instead of asking again for every report.
     */
    public static SnpVerificationException unknownToSource(String message) {
        return new SnpVerificationException(message, true);
    }

    public SnpVerificationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.unknownToSource = false;
    }

    /** See {@link #unknownToSource(String)}. */
    public boolean isUnknownToSource() {
        return unknownToSource;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "SnpVerificationException[" + reason + "]: " + getMessage();
    }
}
