package dev.arca.model.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.erdtman.jcs.JsonCanonicalizer;
import tools.jackson.databind.JsonNode;

/**
 * RFC 8785 JSON Canonicalization Scheme: the byte form that runtime data is hashed in (Trustee
 * kbs_attestation_protocol.md).
 */
public final class Jcs {

    private Jcs() {
    }

    public static byte[] canonicalize(JsonNode value) {
        return canonicalize(Json.write(value));
    }

    public static byte[] canonicalize(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedUTF8();
        } catch (IOException e) {
            throw new UncheckedIOException("not canonicalisable JSON", e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not canonicalisable JSON: " + e.getMessage(), e);
        }
    }
}
