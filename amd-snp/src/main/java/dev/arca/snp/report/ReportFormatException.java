package dev.arca.snp.report;

import dev.arca.snp.SnpVerificationException;

/** Bytes that are not an SEV-SNP attestation report this verifier supports (reason MALFORMED). */
public class ReportFormatException extends SnpVerificationException {

    public ReportFormatException(String message) {
        super(Reason.MALFORMED, message);
    }
}
