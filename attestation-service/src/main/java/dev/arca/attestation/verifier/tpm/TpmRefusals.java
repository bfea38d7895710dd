package dev.arca.attestation.verifier.tpm;

import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.VerificationException.Failure;
import dev.arca.tpm.TpmVerificationException;

/**
 * Turns the tpm module's refusal reasons into the verifier framework's failures, for the {@code tpm}, {@code
 * az-snp-vtpm} and {@code az-tdx-vtpm} verifiers (docs/verifiers/azure-tpm.md "Outcomes"): malformed structures are
 * the caller's error (400); every region that does not verify is refused (403) with its reason. An unexpected error is
 * a bug: it surfaces as the framework's verifier error whose cause stays in the log, and never as claims.
 */
public final class TpmRefusals {

    private TpmRefusals() {
    }

    /**
     * @param what how the message names the evidence ("TPM", "Azure vTPM")
     * @throws IllegalStateException for {@code UNEXPECTED}
     */
    public static VerificationException translate(TpmVerificationException e, String what) {
        String message = e.getMessage();
        return switch (e.reason()) {
            case FORMAT -> new VerificationException(Failure.MALFORMED_EVIDENCE, "malformed " + what + " evidence: "
                    + message, e);
            case SIGNATURE -> new VerificationException(Failure.SIGNATURE_INVALID, what + " quote signature invalid: "
                    + message, e);
            case PCR_DIGEST -> new VerificationException(Failure.SIGNATURE_INVALID, what + " PCR values not signed: "
                    + message, e);
            case AK_UNTRUSTED -> new VerificationException(Failure.UNTRUSTED_CHAIN, what
                    + " attestation key not trusted: " + message, e);
            case NONCE_MISMATCH -> new VerificationException(Failure.REPORT_DATA_MISMATCH, "report data mismatch: "
                    + message, e);
            case HCL_BINDING -> new VerificationException(Failure.REPORT_DATA_MISMATCH, "HCL report binding: "
                    + message, e);
            case INIT_DATA_MISMATCH -> new VerificationException(Failure.INIT_DATA_MISMATCH, "init-data mismatch: "
                    + message, e);
            case EVENT_LOG_MISMATCH -> new VerificationException(Failure.EVENT_LOG_MISMATCH,
                    "the event log does not match the quote: " + message, e);
            case UNEXPECTED -> throw new IllegalStateException(what + " verification failed unexpectedly", e);
        };
    }
}
