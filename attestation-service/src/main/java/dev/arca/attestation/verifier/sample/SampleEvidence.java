package dev.arca.attestation.verifier.sample;

import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.VerificationException.Failure;
import dev.arca.model.json.Base64s;
import java.security.MessageDigest;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The evidence of the sample TEEs (Trustee sample and sample device verifiers): {@code {"svn": string, "report_data":
 * b64std}}. There is no hardware and no signature; the only check is the report-data binding.
 *
 * @param svn        the security version number, a string
 * @param reportData the report data exactly as sent (standard base64, "" when absent)
 */
public record SampleEvidence(String svn, String reportData) {

    public static SampleEvidence parse(JsonNode evidence) throws VerificationException {
        if (evidence == null || !evidence.isObject()) {
            throw VerificationException.malformed("sample evidence must be a JSON object");
        }
        JsonNode svn = evidence.get("svn");
        if (svn == null || !svn.isString()) {
            throw VerificationException.malformed("sample evidence needs a string 'svn'");
        }
        JsonNode reportData = evidence.get("report_data");
        if (reportData != null && !reportData.isNull() && !reportData.isString()) {
            throw VerificationException.malformed("sample evidence 'report_data' must be a base64 string");
        }
        return new SampleEvidence(svn.stringValue(),
                reportData == null || reportData.isNull() ? "" : reportData.stringValue());
    }

    /** The expected report data must equal the decoded {@code report_data} byte for byte (Trustee sample verifier). */
    public void checkReportData(Optional<byte[]> expected) throws VerificationException {
        if (expected.isEmpty()) {
            return;
        }
        byte[] actual;
        try {
            actual = Base64s.fromStd(reportData);
        } catch (IllegalArgumentException e) {
            throw VerificationException.malformed("sample evidence 'report_data' is not standard base64");
        }
        if (!MessageDigest.isEqual(actual, expected.get())) {
            throw new VerificationException(Failure.REPORT_DATA_MISMATCH,
                    "the evidence's report_data does not match the expected report data");
        }
    }
}
