package dev.arca.rvps.extractor.intoto;

import dev.arca.model.json.Hex;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The classic in-toto wrapping {@code {"signed": {...}, "signatures": [{"keyid", "sig"}]}}: each signature is over the
 * canonical JSON of {@code signed} (securesystemslib rules, {@link CanonicalJson}) and hex-encoded.
 */
record Metablock(JsonNode body, byte[] signedBytes, List<MetadataSignature> signatures) implements SignedMetadata {

    static Metablock parse(JsonNode node, String what) {
        JsonNode signed = node.get("signed");
        if (!signed.isObject()) {
            throw new InTotoRefusedException(what + ": \"signed\" must be an object");
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
            if (!keyId.isString() || !sig.isString()) {
                throw new InTotoRefusedException(what + ": signature " + i + " needs the strings keyid and sig");
            }
            try {
                signatures.add(new MetadataSignature(keyId.stringValue(), Hex.parse(sig.stringValue())));
            } catch (IllegalArgumentException e) {
                throw new InTotoRefusedException(what + ": signature " + i + " is not hex");
            }
        }
        return new Metablock(signed, CanonicalJson.encode(signed), List.copyOf(signatures));
    }

    @Override
    public String form() {
        return "metablock";
    }
}
