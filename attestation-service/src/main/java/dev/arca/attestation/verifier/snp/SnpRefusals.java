package dev.arca.attestation.verifier.snp;

import dev.arca.attestation.collateral.CollateralRefusals;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.VerificationException.Failure;
import dev.arca.snp.SnpVerificationException;
import java.time.Instant;

/**
 * Turns amd-snp's refusal reasons into the verifier framework's failures (docs/verifiers/amd.md "What is checked"):
 * malformed evidence is the caller's error (400); a report that does not verify is refused (403) with the reason of
 * its region, an expired certificate through {@link CollateralRefusals#expired}; certificates that cannot be had are
 * the KDS's problem ({@link CollateralRefusals#unavailable}, 503). An unexpected error inside the verification is a
 * bug: a 500 whose cause stays in the log, never claims.
 */
final class SnpRefusals {

    private SnpRefusals() {
    }

    /**
     * @throws IllegalStateException for {@code UNEXPECTED}: the framework answers 500 and logs the cause
     */
    static VerificationException translate(SnpVerificationException e, Instant at) {
        String message = e.getMessage();
        return switch (e.reason()) {
            case MALFORMED -> new VerificationException(Failure.MALFORMED_EVIDENCE, "malformed SNP evidence: "
                    + message, e);
            case SIGNATURE -> rejected(Failure.SIGNATURE_INVALID, "SNP report signature invalid: ", e);
            case CHAIN -> rejected(Failure.UNTRUSTED_CHAIN, "VCEK/VLEK certificate chain not trusted: ", e);
            case CHIP_ID -> rejected(Failure.UNTRUSTED_CHAIN, "the VCEK is not the reporting chip's: ", e);
            case TCB_MISMATCH -> rejected(Failure.TCB_REJECTED, "SNP TCB not acceptable: ", e);
            case VMPL -> rejected(Failure.TCB_REJECTED, "SNP VMPL not acceptable: ", e);
            case REVOKED -> rejected(Failure.REVOKED, "revoked: ", e);
            case REPORT_DATA -> rejected(Failure.REPORT_DATA_MISMATCH, "report data mismatch: ", e);
            case INIT_DATA -> rejected(Failure.INIT_DATA_MISMATCH, "init-data mismatch: ", e);
            case EXPIRED -> CollateralRefusals.expired("AMD", message, at, e);
            case CERTIFICATES_UNAVAILABLE -> CollateralRefusals.unavailable("AMD", message, e);
            case UNEXPECTED -> throw new IllegalStateException("SNP verification failed unexpectedly", e);
        };
    }

    private static VerificationException rejected(Failure failure, String what, SnpVerificationException e) {
        return new VerificationException(failure, what + e.getMessage(), e);
    }
}
