package dev.arca.cca;

/**
 * A CCA token that Arca refuses, with the region that failed (docs/verifiers/cca-csv-nvidia.md "Outcomes").
 */
public class CcaVerificationException extends Exception {

    /** Why the token was refused. */
    public enum Reason {
        /** Not a CCA token collection: bad CBOR, a missing or ill-typed claim, trailing bytes, an unknown algorithm. */
        FORMAT,
        /** No CPAK in the trust-anchor store for the platform's implementation id and instance id. */
        UNKNOWN_PLATFORM,
        /** The platform token's COSE_Sign1 signature does not verify with the CPAK. */
        PLATFORM_SIGNATURE,
        /** The realm token's COSE_Sign1 signature does not verify with the RAK it carries. */
        REALM_SIGNATURE,
        /** The platform challenge is not the hash of the RAK: the realm token is not attested by this platform. */
        RAK_BINDING,
        /** The realm challenge is not the expected report data. */
        CHALLENGE_MISMATCH,
        /** The realm personalization value is not the init-data digest. */
        INIT_DATA_MISMATCH,
        /** Platform software components or configuration do not match the reference values. */
        PLATFORM_REFERENCE_VALUES,
        /** Realm initial measurement, extensible measurements, personalization value or RAK hash algorithm do not
         * match the reference values. */
        REALM_REFERENCE_VALUES
    }

    private final Reason reason;

    public CcaVerificationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public CcaVerificationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static CcaVerificationException format(String message) {
        return new CcaVerificationException(Reason.FORMAT, message);
    }
}
