package dev.arca.attestation.verifier.tpm;

import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.intel.EvidenceFields;
import dev.arca.model.json.Hex;
import dev.arca.tpm.TpmEvidence;
import dev.arca.tpm.eventlog.TcgAlgorithm;
import dev.arca.tpm.quote.PcrValues;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * TPM evidence as upstream's TPM attester sends it (Trustee tpm verifier): {@code {"ak_public": b64(SPKI DER),
 * "tpm_quote": {"message": b64(TPMS_ATTEST), "signature": b64(TPMT_SIGNATURE), "pcrs": [hex × 24]}}}, with two
 * optional Arca members: {@code ak_certs} (b64 DER certificates, the AK's first) and {@code event_log} (b64 TCG event
 * log). {@code ak_public} may also be a TPMT_PUBLIC. The PCR values are one bank, PCR0 first; the bank follows from
 * their size (20 SHA-1, 32 SHA-256, 48 SHA-384).
 */
final class TpmEvidenceJson {

    static final String SHAPE = "{\"ak_public\": <base64>, \"tpm_quote\": {\"message\": <base64>, \"signature\": "
            + "<base64>, \"pcrs\": [<hex>]}, \"ak_certs\": [<base64>]?, \"event_log\": <base64>?}";
    private static final int MAX_PCRS = 24;

    private TpmEvidenceJson() {
    }

    static TpmEvidence parse(JsonNode evidence) throws VerificationException {
        JsonNode object = EvidenceFields.object(evidence, "tpm", SHAPE);
        JsonNode quote = object.get("tpm_quote");
        if (quote == null || !quote.isObject()) {
            throw VerificationException.malformed("tpm evidence needs an object 'tpm_quote' " + SHAPE);
        }
        return new TpmEvidence(EvidenceFields.required(object, "ak_public", "tpm"), certificates(object.get("ak_certs")),
                EvidenceFields.required(quote, "message", "tpm"), EvidenceFields.required(quote, "signature", "tpm"),
                pcrs(quote.get("pcrs")), EvidenceFields.optional(object, "event_log", "tpm"));
    }

    private static PcrValues pcrs(JsonNode pcrs) throws VerificationException {
        if (pcrs == null || !pcrs.isArray() || pcrs.isEmpty() || pcrs.size() > MAX_PCRS) {
            throw VerificationException.malformed("tpm evidence 'tpm_quote.pcrs' must be an array of 1 to 24 hex PCR "
                    + "values");
        }
        List<byte[]> values = new ArrayList<>();
        for (JsonNode pcr : pcrs) {
            values.add(hex(pcr));
        }
        int size = values.getFirst().length;
        TcgAlgorithm bank = switch (size) {
            case 20 -> TcgAlgorithm.SHA1;
            case 32 -> TcgAlgorithm.SHA256;
            case 48 -> TcgAlgorithm.SHA384;
            default -> throw VerificationException.malformed("tpm evidence PCR values of " + size
                    + " bytes are not SHA-1, SHA-256 or SHA-384");
        };
        if (values.stream().anyMatch(v -> v.length != size)) {
            throw VerificationException.malformed("tpm evidence PCR values must all have the same size");
        }
        return PcrValues.ofBank(bank, values);
    }

    static byte[] hex(JsonNode value) throws VerificationException {
        if (value == null || !value.isString()) {
            throw VerificationException.malformed("tpm evidence PCR values must be hex strings");
        }
        try {
            return Hex.parse(value.stringValue());
        } catch (IllegalArgumentException e) {
            throw VerificationException.malformed("tpm evidence PCR value is not hex");
        }
    }

    private static List<X509Certificate> certificates(JsonNode certs) throws VerificationException {
        if (certs == null || certs.isNull()) {
            return List.of();
        }
        if (!certs.isArray() || certs.size() > 8) {
            throw VerificationException.malformed("tpm evidence 'ak_certs' must be an array of at most 8 base64 DER "
                    + "certificates, the AK's first");
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (JsonNode cert : certs) {
            try {
                byte[] der = Base64.getDecoder().decode(cert.asString(""));
                chain.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der)));
            } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
                throw VerificationException.malformed("tpm evidence 'ak_certs' holds something that is not a base64 "
                        + "DER X.509 certificate");
            }
        }
        return chain;
    }

}
