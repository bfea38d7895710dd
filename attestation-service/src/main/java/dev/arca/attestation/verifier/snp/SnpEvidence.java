package dev.arca.attestation.verifier.snp;

import dev.arca.attestation.verifier.VerificationException;
import dev.arca.snp.CertTableEntry;
import dev.arca.snp.report.ReportFormatException;
import dev.arca.snp.report.SevReportJson;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * SNP evidence as upstream's SNP attester sends it and Arca's agent writes it (Trustee snp verifier {@code
 * SnpEvidence}; {@code dev.arca.agent.attester.snp}): {@code {"attestation_report": <sev crate AttestationReport>,
 * "cert_chain": [{"cert_type": "VCEK"|"VLEK"|"ASK"|"ARK"|"CRL"|{"OTHER": uuid}, "data": [bytes]}] | null}}. Other
 * members are ignored, as upstream's serde does.
 *
 * @param report       the rebuilt 1184-byte report
 * @param certificates the certificate table (empty when null or absent)
 */
record SnpEvidence(byte[] report, List<CertTableEntry> certificates) {

    static final String SHAPE = "{\"attestation_report\": {...}, \"cert_chain\": [{\"cert_type\": \"VCEK\", "
            + "\"data\": [bytes]}] | null}";
    /** Generous for a VCEK, ASK, ARK and CRL; a bound on what one evidence may make us parse. */
    private static final int MAX_ENTRIES = 8;
    private static final int MAX_CERTIFICATE_BYTES = 64 * 1024;

    static SnpEvidence parse(JsonNode evidence) throws VerificationException {
        if (evidence == null || !evidence.isObject()) {
            throw VerificationException.malformed("snp evidence must be a JSON object " + SHAPE);
        }
        byte[] report;
        try {
            report = SevReportJson.toBytes(evidence.get("attestation_report"));
        } catch (ReportFormatException e) {
            throw VerificationException.malformed("snp evidence: " + e.getMessage());
        }
        return new SnpEvidence(report, certificates(evidence.get("cert_chain")));
    }

    private static List<CertTableEntry> certificates(JsonNode chain) throws VerificationException {
        if (chain == null || chain.isNull()) {
            return List.of();
        }
        if (!chain.isArray() || chain.size() > MAX_ENTRIES) {
            throw VerificationException.malformed("snp evidence 'cert_chain' must be null or a list of at most "
                    + MAX_ENTRIES + " {\"cert_type\", \"data\"} entries");
        }
        List<CertTableEntry> entries = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            JsonNode entry = chain.get(i);
            if (entry == null || !entry.isObject()) {
                throw VerificationException.malformed("snp evidence cert_chain[" + i + "] must be an object");
            }
            entries.add(new CertTableEntry(type(entry.get("cert_type"), i), data(entry.get("data"), i)));
        }
        return List.copyOf(entries);
    }

    private static CertTableEntry.Type type(JsonNode type, int index) throws VerificationException {
        if (type != null && type.isString()) {
            return CertTableEntry.Type.fromName(type.stringValue());
        }
        if (type != null && type.isObject()) {
            return CertTableEntry.Type.OTHER; // {"OTHER": "<uuid>"}: a certificate type AMD defines no GUID for
        }
        throw VerificationException.malformed("snp evidence cert_chain[" + index + "].cert_type must be a name such as"
                + " \"VCEK\"");
    }

    private static byte[] data(JsonNode data, int index) throws VerificationException {
        if (data == null || !data.isArray() || data.isEmpty() || data.size() > MAX_CERTIFICATE_BYTES) {
            throw VerificationException.malformed("snp evidence cert_chain[" + index + "].data must be a list of 1 to "
                    + MAX_CERTIFICATE_BYTES + " bytes");
        }
        byte[] bytes = new byte[data.size()];
        for (int i = 0; i < bytes.length; i++) {
            JsonNode element = data.get(i);
            if (!element.isIntegralNumber() || !element.canConvertToInt() || element.intValue() < 0
                    || element.intValue() > 255) {
                throw VerificationException.malformed("snp evidence cert_chain[" + index + "].data[" + i
                        + "] must be a number from 0 to 255");
            }
            bytes[i] = (byte) element.intValue();
        }
        return bytes;
    }
}
