package dev.arca.rvps.extractor.intoto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A DSSE envelope {@code {"payload", "payloadType", "signatures": [{"keyid"?, "sig"}]}} (ITE-5, DSSE protocol):
 * signatures are over the pre-authentication encoding
 * {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, LEN being the byte length in ASCII decimal; payload
 * and signatures are base64 (standard or URL-safe, as DSSE allows). Only in-toto's payload type is accepted.
 */
record DsseEnvelope(String payloadType, byte[] payload, JsonNode body, byte[] signedBytes,
                    List<MetadataSignature> signatures) implements SignedMetadata {

    static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

    static DsseEnvelope parse(JsonNode node, String what) {
        JsonNode type = node.get("payloadType");
        JsonNode payloadText = node.path("payload");
        if (!type.isString() || !payloadText.isString()) {
            throw new InTotoRefusedException(what + ": a DSSE envelope needs the strings payload and payloadType");
        }
        if (!IN_TOTO_PAYLOAD_TYPE.equals(type.stringValue())) {
            throw new InTotoRefusedException(what + ": DSSE payloadType is \"" + type.stringValue()
                    + "\", expected " + IN_TOTO_PAYLOAD_TYPE);
        }
        byte[] payload = base64(payloadText.stringValue(), what + ": DSSE payload");
        JsonNode body = StrictJson.read(payload, what + " (DSSE payload)");
        if (!body.isObject()) {
            throw new InTotoRefusedException(what + ": the DSSE payload must be a JSON object");
        }
        JsonNode list = node.path("signatures");
        if (!list.isArray()) {
            throw new InTotoRefusedException(what + ": \"signatures\" must be an array");
        }
        List<MetadataSignature> signatures = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            JsonNode keyId = entry.path("keyid");
            JsonNode sig = entry.path("sig");
            if (!sig.isString() || !(keyId.isMissingNode() || keyId.isString())) {
                throw new InTotoRefusedException(what + ": signature " + i + " needs the string sig (and keyid, if"
                        + " present, a string)");
            }
            signatures.add(new MetadataSignature(keyId.isString() ? keyId.stringValue() : "",
                    base64(sig.stringValue(), what + ": signature " + i)));
        }
        String typeText = type.stringValue();
        return new DsseEnvelope(typeText, payload, body, pae(typeText, payload), List.copyOf(signatures));
    }

    /** The DSSE pre-authentication encoding (DSSE protocol, "Signature definition"). */
    static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + type.length + 32);
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] base64(String text, String what) {
        try {
            return text.indexOf('-') >= 0 || text.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new InTotoRefusedException(what + " is not base64");
        }
    }

    @Override
    public String form() {
        return "DSSE envelope";
    }
}
