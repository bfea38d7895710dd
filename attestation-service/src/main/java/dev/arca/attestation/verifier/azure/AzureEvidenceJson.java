package dev.arca.attestation.verifier.azure;

import dev.arca.attestation.verifier.VerificationException;
import dev.arca.model.json.Hex;
import dev.arca.tpm.azure.AzureVtpmEvidence;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Azure vTPM evidence in each of upstream's shapes (Trustee az_snp_vtpm / az_tdx_vtpm {@code compat.rs}):
 * <ul>
 *   <li>v1 and v2 ({@code "version": 1 | 2}): {@code tpm_quote: {signature: hex, message: hex, pcrs: [hex]}},
 *       {@code hcl_report} base64url, and the platform member (base64url) — {@code vcek} (DER) for SNP, {@code
 *       td_quote} for TDX;</li>
 *   <li>v0 (no version): the same quote as JSON byte arrays; SNP names it {@code quote} and the HCL report {@code
 *       report}, with the VCEK as PEM text; TDX keeps {@code tpm_quote}, {@code hcl_report} and {@code td_quote}, all
 *       byte arrays.</li>
 * </ul>
 *
 * @param vtpm     the TPM part
 * @param platform the VCEK (DER, or PEM text for SNP v0) or the TD quote
 */
record AzureEvidenceJson(AzureVtpmEvidence vtpm, byte[] platform) {

    private static final int MAX_PCRS = 24;
    private static final int MAX_ARRAY = 1 << 20;

    /**
     * @param tee              the wire name, for messages
     * @param platformMember   {@code vcek} or {@code td_quote}
     * @param v0QuoteMember    {@code quote} (SNP) or {@code tpm_quote} (TDX)
     * @param v0ReportMember   {@code report} (SNP) or {@code hcl_report} (TDX)
     */
    static AzureEvidenceJson parse(JsonNode evidence, String tee, String platformMember, String v0QuoteMember,
            String v0ReportMember) throws VerificationException {
        if (evidence == null || !evidence.isObject()) {
            throw VerificationException.malformed(tee + " evidence must be a JSON object");
        }
        JsonNode version = evidence.get("version");
        if (version != null && !version.isNull()) {
            if (!version.isIntegralNumber() || version.asInt() < 1 || version.asInt() > 2) {
                throw VerificationException.malformed(tee + " evidence 'version' must be 1 or 2 (or absent: v0)");
            }
            JsonNode quote = object(evidence, "tpm_quote", tee);
            List<byte[]> pcrs = new ArrayList<>();
            for (JsonNode pcr : array(quote, "pcrs", tee, MAX_PCRS)) {
                pcrs.add(hex(pcr, "tpm_quote.pcrs", tee));
            }
            return new AzureEvidenceJson(new AzureVtpmEvidence(version.asInt(), hex(quote.get("message"),
                    "tpm_quote.message", tee), hex(quote.get("signature"), "tpm_quote.signature", tee), pcrs,
                    base64Url(evidence, "hcl_report", tee)), base64Url(evidence, platformMember, tee));
        }
        JsonNode quote = object(evidence, v0QuoteMember, tee);
        List<byte[]> pcrs = new ArrayList<>();
        for (JsonNode pcr : array(quote, "pcrs", tee, MAX_PCRS)) {
            pcrs.add(bytes(pcr, v0QuoteMember + ".pcrs", tee));
        }
        byte[] platform = evidence.path(platformMember).isString()
                ? evidence.get(platformMember).stringValue().getBytes(java.nio.charset.StandardCharsets.US_ASCII)
                : bytes(evidence.get(platformMember), platformMember, tee);
        return new AzureEvidenceJson(new AzureVtpmEvidence(0, bytes(quote.get("message"), v0QuoteMember
                + ".message", tee), bytes(quote.get("signature"), v0QuoteMember + ".signature", tee), pcrs,
                bytes(evidence.get(v0ReportMember), v0ReportMember, tee)), platform);
    }

    private static JsonNode object(JsonNode parent, String member, String tee) throws VerificationException {
        JsonNode node = parent.get(member);
        if (node == null || !node.isObject()) {
            throw VerificationException.malformed(tee + " evidence needs an object '" + member + "'");
        }
        return node;
    }

    private static JsonNode array(JsonNode parent, String member, String tee, int max) throws VerificationException {
        JsonNode node = parent.get(member);
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > max) {
            throw VerificationException.malformed(tee + " evidence '" + member + "' must be an array of 1 to " + max
                    + " entries");
        }
        return node;
    }

    private static byte[] hex(JsonNode node, String member, String tee) throws VerificationException {
        if (node == null || !node.isString()) {
            throw VerificationException.malformed(tee + " evidence '" + member + "' must be a hex string");
        }
        try {
            return Hex.parse(node.stringValue());
        } catch (IllegalArgumentException e) {
            throw VerificationException.malformed(tee + " evidence '" + member + "' is not hex");
        }
    }

    private static byte[] base64Url(JsonNode parent, String member, String tee) throws VerificationException {
        JsonNode node = parent.get(member);
        if (node == null || !node.isString() || node.stringValue().isEmpty()) {
            throw VerificationException.malformed(tee + " evidence needs a base64url string '" + member + "'");
        }
        try {
            return Base64.getUrlDecoder().decode(node.stringValue());
        } catch (IllegalArgumentException e) {
            throw VerificationException.malformed(tee + " evidence '" + member + "' is not base64url");
        }
    }

    /** A JSON array of byte values (serde's Vec<u8>). */
    private static byte[] bytes(JsonNode node, String member, String tee) throws VerificationException {
        if (node == null || !node.isArray() || node.size() > MAX_ARRAY) {
            throw VerificationException.malformed(tee + " evidence '" + member + "' must be an array of bytes");
        }
        byte[] out = new byte[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode value = node.get(i);
            if (!value.isIntegralNumber() || value.asInt() < 0 || value.asInt() > 255) {
                throw VerificationException.malformed(tee + " evidence '" + member + "' must be an array of bytes");
            }
            out[i] = (byte) value.asInt();
        }
        return out;
    }
}
