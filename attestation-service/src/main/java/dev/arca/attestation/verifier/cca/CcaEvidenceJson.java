package dev.arca.attestation.verifier.cca;

import dev.arca.attestation.verifier.VerificationException;
import dev.arca.cca.token.CcaToken;
import java.util.Base64;
import tools.jackson.databind.JsonNode;

/**
 * CCA evidence as upstream's CCA attester sends it (Trustee cca verifier, {@code CcaEvidence}): {@code {"token":
 * [byte, …]}}, the token bytes as serde writes a {@code Vec<u8>}. Arca also accepts the token as a standard-base64
 * string.
 */
final class CcaEvidenceJson {

    static final String SHAPE = "{\"token\": [<byte>, …] or <base64>}";

    private CcaEvidenceJson() {
    }

    static byte[] token(JsonNode evidence) throws VerificationException {
        if (evidence == null || !evidence.isObject()) {
            throw VerificationException.malformed("cca evidence must be a JSON object " + SHAPE);
        }
        JsonNode token = evidence.get("token");
        if (token != null && token.isString()) {
            try {
                return Base64.getDecoder().decode(token.stringValue());
            } catch (IllegalArgumentException e) {
                throw VerificationException.malformed("cca evidence 'token' is not standard base64");
            }
        }
        if (token == null || !token.isArray() || token.isEmpty() || token.size() > CcaToken.MAX_TOKEN_BYTES) {
            throw VerificationException.malformed("cca evidence needs a non-empty 'token' " + SHAPE);
        }
        byte[] bytes = new byte[token.size()];
        for (int i = 0; i < bytes.length; i++) {
            JsonNode item = token.get(i);
            if (!item.isIntegralNumber() || !item.canConvertToInt() || item.intValue() < 0 || item.intValue() > 255) {
                throw VerificationException.malformed("cca evidence 'token' must hold bytes (0 to 255)");
            }
            bytes[i] = (byte) item.intValue();
        }
        return bytes;
    }
}
