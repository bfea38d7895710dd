package dev.arca.attestation.verifier;

/**
 * Evidence that a verifier cannot accept, with a reason a caller can act on. The {@link Failure} says whose problem
 * it is: the caller's (malformed evidence, 400), the evidence's (it does not verify, 403, expired collateral included),
 * or a collateral source's (503, retry later).
 */
public class VerificationException extends Exception {

    /** Why verification failed. */
    public enum Failure {
        /** The evidence does not have the TEE's format. */
        MALFORMED_EVIDENCE,
        /** The evidence does not bind the expected report data. */
        REPORT_DATA_MISMATCH,
        /** The evidence does not bind the expected init-data digest. */
        INIT_DATA_MISMATCH,
        /** A signature over the evidence or an endorsement is invalid. */
        SIGNATURE_INVALID,
        /** The signing key does not chain to a trusted root, or a certificate is revoked or expired. */
        UNTRUSTED_CHAIN,
        /** The platform's TCB or identity is not acceptable (no matching TCB level, unknown module, …). */
        TCB_REJECTED,
        /** A certificate of the evidence's chain is on a CRL, or its TCB level is marked revoked. */
        REVOKED,
        /** The event log the evidence came with does not replay to the measurement registers it reports. */
        EVENT_LOG_MISMATCH,
        /**
         * The endorsements or collateral are past their next-update at the verification time, so they can no longer
         * vouch for the evidence (403: verifying "as of" an earlier instant is for audits).
         */
        COLLATERAL_EXPIRED,
        /** Endorsements or collateral could not be fetched or used; not the evidence's fault (503, retry later). */
        COLLATERAL_UNAVAILABLE;

        /** Lower-case name, as metrics tag it ({@code report_data_mismatch}, …). */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Failure failure;

    public VerificationException(Failure failure, String reason) {
        super(reason);
        this.failure = failure;
    }

    public VerificationException(Failure failure, String reason, Throwable cause) {
        super(reason, cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }

    public static VerificationException malformed(String reason) {
        return new VerificationException(Failure.MALFORMED_EVIDENCE, reason);
    }
}
