package dev.arca.attestation.verifier.csv;

import dev.arca.attestation.collateral.CollateralRefusals;
import dev.arca.attestation.verifier.DeviceClaims;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.VerificationException.Failure;
import dev.arca.attestation.verifier.Verifier;
import dev.arca.csv.CsvEvidenceJson;
import dev.arca.csv.CsvReportVerifier;
import dev.arca.csv.CsvVerificationException;
import dev.arca.model.tee.Tee;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Hygon CSV (Trustee csv verifier), verified in pure Java by the hygon-csv module: HRK (pinned) → HSK → CEK → PEK →
 * report with SM2/SM3, the HSK and CEK from the evidence or else the offline folder or Hygon's KDS through the
 * collateral chain, the report data against the expected report data regularised to 64 bytes, and for version-2
 * reports the CC event log replayed with SM3 into rtmr1–4. The claims are upstream's, under {@code csv}; device class
 * {@code cpu}. CSV has no init-data field: as upstream, the init-data digest is not bound and no init-data claims are
 * issued.
 */
@Component
public class CsvVerifier implements Verifier {

    private final CsvReportVerifier verifier;

    public CsvVerifier(CsvReportVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Tee tee() {
        return Tee.CSV;
    }

    /**
     * @param verificationTime unused: Hygon's certificates carry no validity period and there is no revocation list
     */
    @Override
    public List<DeviceClaims> verify(JsonNode evidence, Optional<byte[]> expectedReportData,
            Optional<byte[]> expectedInitDataDigest, Instant verificationTime) throws VerificationException {
        try {
            return List.of(new DeviceClaims(CsvClaims.build(verifier.verify(CsvEvidenceJson.parse(evidence),
                    expectedReportData)), Tee.CSV.deviceClass()));
        } catch (CsvVerificationException e) {
            throw translate(e);
        }
    }

    /** One place for the module's refusals (docs/verifiers/cca-csv-nvidia.md "Outcomes"). */
    static VerificationException translate(CsvVerificationException e) {
        String message = e.getMessage();
        return switch (e.reason()) {
            case FORMAT -> new VerificationException(Failure.MALFORMED_EVIDENCE, "malformed CSV evidence: " + message,
                    e);
            case ROOT_KEY -> new VerificationException(Failure.UNTRUSTED_CHAIN, message, e);
            case HSK_SIGNATURE, CEK_SIGNATURE, PEK_SIGNATURE -> new VerificationException(Failure.UNTRUSTED_CHAIN,
                    "the CSV certificate chain does not verify: " + message, e);
            case REPORT_SIGNATURE -> new VerificationException(Failure.SIGNATURE_INVALID, message, e);
            case REPORT_DATA_MISMATCH -> new VerificationException(Failure.REPORT_DATA_MISMATCH, message, e);
            case EVENT_LOG_MISMATCH -> new VerificationException(Failure.EVENT_LOG_MISMATCH, message, e);
            case CERTIFICATES_UNAVAILABLE -> CollateralRefusals.unavailable("Hygon", message, e);
            case UNEXPECTED -> throw new IllegalStateException("CSV verification failed unexpectedly", e);
        };
    }
}
