package dev.arca.attestation.verifier.intel;

import dev.arca.attestation.collateral.CollateralRefusals;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.VerificationException.Failure;
import dev.arca.dcap.CollateralExpiredException;
import dev.arca.dcap.DcapVerificationException;
import java.time.Instant;

/**
 * Turns intel-dcap's refusal reasons into the verifier framework's failures (docs/verifiers/intel.md "What is
 * checked"): a malformed quote is the caller's error (400); a quote that does not verify, including with expired
 * collateral, is refused (403) with the reason; collateral that cannot be had or used is the collateral source's
 * problem (503, retry later). Collateral reasons go through the AS's one translation, {@link CollateralRefusals}.
 * An unexpected error inside the verification is a bug: it surfaces as a 500 whose cause
 * stays in the log, and never as claims.
 */
final class DcapRefusals {

    private static final String VENDOR = "Intel";

    private DcapRefusals() {
    }

    /**
     * @param at the verification instant, for the expired-collateral message
     * @throws IllegalStateException for {@code UNEXPECTED}: the framework answers 500 and logs the cause
     */
    static VerificationException translate(DcapVerificationException e, Instant at) {
        String message = e.getMessage();
        return switch (e.reason()) {
            case FORMAT -> new VerificationException(Failure.MALFORMED_EVIDENCE, "malformed quote: " + message, e);
            case SIGNATURE -> rejected(Failure.SIGNATURE_INVALID, "quote signature invalid: ", e);
            case QE_SIGNATURE -> rejected(Failure.SIGNATURE_INVALID, "QE report signature invalid: ", e);
            case QE_REPORT_DATA -> rejected(Failure.SIGNATURE_INVALID,
                    "the QE report does not bind the attestation key: ", e);
            case PCK_CHAIN -> rejected(Failure.UNTRUSTED_CHAIN, "PCK certificate chain not trusted: ", e);
            case REVOKED -> rejected(Failure.REVOKED, "revoked: ", e);
            case TCB_NOT_MATCHED, TDX_MODULE_MISMATCH, QE_IDENTITY ->
                    rejected(Failure.TCB_REJECTED, "TCB not acceptable: ", e);
            case REPORT_DATA_MISMATCH -> rejected(Failure.REPORT_DATA_MISMATCH, "report data mismatch: ", e);
            case INIT_DATA_MISMATCH -> rejected(Failure.INIT_DATA_MISMATCH, "init-data mismatch: ", e);
            case EVENT_LOG_MISMATCH -> rejected(Failure.EVENT_LOG_MISMATCH,
                    "the CC event log does not match the quote: ", e);
            case COLLATERAL_EXPIRED -> CollateralRefusals.expired(VENDOR, expired(e), at, e);
            case COLLATERAL_INVALID, COLLATERAL_MISMATCH, COLLATERAL_UNAVAILABLE ->
                    CollateralRefusals.unavailable(VENDOR, message, e);
            case UNEXPECTED -> throw new IllegalStateException("Intel DCAP verification failed unexpectedly", e);
        };
    }

    private static VerificationException rejected(Failure failure, String what, DcapVerificationException e) {
        return new VerificationException(failure, what + e.getMessage(), e);
    }

    /** What expired and when, e.g. {@code TCB Info nextUpdate 2024-06-01T00:00:00Z}. */
    private static String expired(DcapVerificationException e) {
        return e instanceof CollateralExpiredException x
                ? x.item() + (x.item().contains("certificate") ? " notAfter " : " nextUpdate ") + x.expiredAt()
                : e.getMessage();
    }
}
