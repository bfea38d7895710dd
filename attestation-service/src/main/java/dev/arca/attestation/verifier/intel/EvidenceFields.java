package dev.arca.attestation.verifier.intel;

import dev.arca.attestation.verifier.VerificationException;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads the base64 fields of Intel evidence (Trustee tdx and sgx verifiers: standard base64, as upstream's attesters
 * send it; padding optional). Every shape error is a 400 that names the field.
 */
public final class EvidenceFields {

    private EvidenceFields() {
    }

    /** The evidence itself must be a JSON object. */
    public static JsonNode object(JsonNode evidence, String tee, String shape) throws VerificationException {
        if (evidence == null || !evidence.isObject()) {
            throw VerificationException.malformed(tee + " evidence must be a JSON object " + shape);
        }
        return evidence;
    }

    /** A required, non-empty standard-base64 string. */
    public static byte[] required(JsonNode evidence, String field, String tee) throws VerificationException {
        JsonNode node = evidence.get(field);
        if (node == null || node.isNull() || !node.isString() || node.stringValue().isEmpty()) {
            throw VerificationException.malformed(tee + " evidence needs a non-empty base64 string '" + field + "'");
        }
        return decode(node.stringValue(), field, tee);
    }

    /** An optional standard-base64 string: absent, null and "" all mean none. */
    public static Optional<byte[]> optional(JsonNode evidence, String field, String tee)
            throws VerificationException {
        JsonNode node = evidence.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isString()) {
            throw VerificationException.malformed(tee + " evidence '" + field
                    + "' must be a base64 string, null or absent");
        }
        return node.stringValue().isEmpty() ? Optional.empty() : Optional.of(decode(node.stringValue(), field, tee));
    }

    private static byte[] decode(String text, String field, String tee) throws VerificationException {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw VerificationException.malformed(tee + " evidence '" + field + "' is not standard base64");
        }
    }
}
