package dev.arca.model.image;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a caller of the ocicrypt key-provider protocol spells a byte field. Go's ocicrypt marshals {@code []byte} as a
 * base64 string (encoding/json); ocicrypt-rs and the Rust key providers built on serde write {@code Vec<u8>} as a
 * JSON array of numbers, and cannot read a base64 string where they expect one. ocicrypt-rs also sends its
 * {@code keywrap} {@code optsdata} as the options' JSON text itself (a {@code String}, not base64).
 */
public enum ByteEncoding {

    /** A base64 (standard alphabet, padded) string: Go's ocicrypt. */
    BASE64,
    /** A JSON array of numbers 0..255: serde's {@code Vec<u8>}, ocicrypt-rs. */
    NUMBER_ARRAY;

    /** A byte field as read, with the spelling the caller used. */
    public record Field(byte[] value, ByteEncoding encoding) {
    }

    /**
     * Reads {@code parent.name}: a base64 string, a number array, or (ocicrypt-rs's keywrap {@code optsdata}) the
     * JSON text of an object, which base64 cannot start with. Null when absent or JSON null.
     */
    public static Field read(JsonNode parent, String name) throws KeyProviderException {
        JsonNode value = parent == null ? null : parent.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            byte[] bytes = new byte[value.size()];
            for (int i = 0; i < bytes.length; i++) {
                JsonNode element = value.get(i);
                if (!element.isIntegralNumber() || !element.canConvertToInt() || element.asInt() < 0
                        || element.asInt() > 255) {
                    throw new KeyProviderException("'" + name + "' is an array but element " + i
                            + " is not a byte (0..255)");
                }
                bytes[i] = (byte) element.asInt();
            }
            return new Field(bytes, NUMBER_ARRAY);
        }
        if (!value.isString()) {
            throw new KeyProviderException("'" + name + "' is neither a base64 string nor an array of bytes");
        }
        String text = value.asString();
        if (text.stripLeading().startsWith("{")) {
            return new Field(text.getBytes(StandardCharsets.UTF_8), NUMBER_ARRAY);
        }
        try {
            return new Field(Base64.getDecoder().decode(text), BASE64);
        } catch (IllegalArgumentException e) {
            throw new KeyProviderException("'" + name + "' is not base64", e);
        }
    }

    /** Writes {@code parent.name = bytes} in this spelling. */
    public void write(ObjectNode parent, String name, byte[] bytes) {
        if (this == BASE64) {
            parent.put(name, Base64.getEncoder().encodeToString(bytes));
        } else {
            ArrayNode array = parent.putArray(name);
            for (byte b : bytes) {
                array.add(b & 0xff);
            }
        }
    }
}
