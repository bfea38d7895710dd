package dev.arca.csv;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.csv.CsvVerificationException.Reason;
import dev.arca.csv.cert.CsvCertificate;
import dev.arca.csv.cert.HygonCaCertificate;
import dev.arca.csv.cert.HygonCertificateChain;
import dev.arca.csv.report.CsvReport;
import dev.arca.csv.testpki.TestHygonPki;
import dev.arca.model.json.Json;
import java.util.Arrays;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Fuzzes the Hygon CSV parsers (docs/fuzzing.md). {@link #evidence}: the attester's JSON, rebuilt into certificates
 * and a report and verified against a test PKI made here, whose keys no input holds: it is refused with a
 * {@link CsvVerificationException} other than UNEXPECTED, never accepted. {@link #report}: magic ‖ flags ‖ page, read
 * as a report with every field, and its signer block as a PEK and as a CA certificate. Anything else is a finding.
 */
class CsvEvidenceFuzzTest {

    private static final TestHygonPki PKI = TestHygonPki.create();
    private static final CsvReportVerifier VERIFIER = new CsvReportVerifier(
            new HygonCertificateChain(PKI.hrkSha256()), PKI.source());
    private static final byte[] NONCE = new byte[32];

    @FuzzTest
    void evidence(byte[] input) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(input);
        } catch (JacksonException notJson) {
            return; // the service's JSON layer refuses it before any verifier sees it
        }
        try {
            VERIFIER.verify(CsvEvidenceJson.parse(json), Optional.of(NONCE));
            throw new AssertionError("evidence not signed by the trusted PKI was accepted");
        } catch (CsvVerificationException refused) {
            if (refused.reason() == Reason.UNEXPECTED) {
                throw new AssertionError("unexpected failure", refused);
            }
        }
    }

    @FuzzTest
    void report(byte[] input) {
        if (input.length < 20) {
            return;
        }
        byte[] magic = Arrays.copyOf(input, 16);
        long flags = (input[16] & 0xFFL) | (input[17] & 0xFFL) << 8 | (input[18] & 0xFFL) << 16
                | (input[19] & 0xFFL) << 24;
        byte[] page = Arrays.copyOfRange(input, 20, input.length);
        try {
            CsvReport report = CsvReport.parse(magic, flags, page);
            report.signedBytes();
            report.signature();
            report.policy().apiMinor();
            report.reportData();
            report.measure();
            report.sigUsage();
            for (int i = 0; i <= 4; i++) {
                report.rtmr(i);
            }
            int signer = report.version() == 1 ? 0x150 : 0x490;
            CsvCertificate pek = CsvCertificate.read(page, signer, "the PEK");
            HygonCertificateChain.requireReport(pek, report);
        } catch (CsvVerificationException refused) {
            // typed refusal
        }
        try {
            HygonCaCertificate certificate = HygonCaCertificate.read(page, 0, "the HSK");
            certificate.signed(certificate);
        } catch (CsvVerificationException refused) {
            // typed refusal
        }
    }
}
