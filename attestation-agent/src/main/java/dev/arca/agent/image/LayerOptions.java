package dev.arca.agent.image;

import dev.arca.model.image.ByteEncoding;
import dev.arca.model.image.KeyProviderException;
import dev.arca.model.json.Json;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two halves of ocicrypt's layer cipher options (containers/ocicrypt blockcipher): the private half ("optsData":
 * {@code {"symkey": b64, "digest": "sha256:…", "cipheroptions": {"nonce": b64}}}) is what a key wrapper encrypts for
 * its recipients; the public half ({@code {"cipher": "AES_256_CTR_HMAC_SHA256", "hmac": b64, "cipheroptions": {}}})
 * travels in clear, base64-encoded in the layer's {@code org.opencontainers.image.enc.pubopts} annotation.
 */
public final class LayerOptions {

    public static final String CIPHER = "AES_256_CTR_HMAC_SHA256";

    private LayerOptions() {
    }

    /**
     * @param symkey the 32-byte layer key (AES-256-CTR and the HMAC key)
     * @param digest the digest of the layer as it was before encryption
     * @param nonce  the 16-byte CTR initial counter block
     */
    public record Private(byte[] symkey, String digest, byte[] nonce) {

        public byte[] toJson() {
            ObjectNode json = Json.MAPPER.createObjectNode();
            json.put("symkey", Base64.getEncoder().encodeToString(symkey));
            json.put("digest", digest);
            json.putObject("cipheroptions").put("nonce", Base64.getEncoder().encodeToString(nonce));
            return Json.writeBytes(json);
        }

        public static Private parse(byte[] optsData) throws ImageException {
            JsonNode json = tree(optsData, "private layer options");
            Map<String, byte[]> options = bytesMap(json.get("cipheroptions"), "cipheroptions");
            byte[] symkey = bytes(json, "symkey");
            JsonNode digest = json.get("digest");
            if (symkey == null || digest == null || !digest.isString()) {
                throw new ImageException("private layer options lack symkey or digest");
            }
            return new Private(symkey, digest.asString(), options.get("nonce"));
        }
    }

    /**
     * @param cipher the layer cipher, only {@value #CIPHER}
     * @param hmac   HMAC-SHA256 of the encrypted layer under the layer key
     */
    public record Public(String cipher, byte[] hmac) {

        public byte[] toJson() {
            ObjectNode json = Json.MAPPER.createObjectNode();
            json.put("cipher", cipher);
            json.put("hmac", Base64.getEncoder().encodeToString(hmac));
            json.putObject("cipheroptions");
            return Json.writeBytes(json);
        }

        public static Public parse(byte[] pubOpts) throws ImageException {
            JsonNode json = tree(pubOpts, "public layer options");
            JsonNode cipher = json.get("cipher");
            byte[] hmac = bytes(json, "hmac");
            if (cipher == null || !cipher.isString() || hmac == null) {
                // ocicrypt refuses to decrypt without an HMAC too ("HMAC is not provided for decryption process")
                throw new ImageException("public layer options lack cipher or hmac");
            }
            return new Public(cipher.asString(), hmac);
        }
    }

    private static JsonNode tree(byte[] bytes, String what) throws ImageException {
        try {
            JsonNode json = Json.MAPPER.readTree(bytes);
            if (json != null && json.isObject()) {
                return json;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new ImageException(what + " are not a JSON object");
    }

    /** A byte field as Go writes it (base64) or serde does (numbers). */
    private static byte[] bytes(JsonNode json, String name) throws ImageException {
        try {
            ByteEncoding.Field field = ByteEncoding.read(json, name);
            return field == null ? null : field.value();
        } catch (KeyProviderException e) {
            throw new ImageException("layer options: " + e.getMessage(), e);
        }
    }

    private static Map<String, byte[]> bytesMap(JsonNode json, String name) throws ImageException {
        Map<String, byte[]> map = new LinkedHashMap<>();
        if (json == null || json.isNull()) {
            return map;
        }
        if (!json.isObject()) {
            throw new ImageException("layer options: '" + name + "' is not an object");
        }
        for (String key : json.propertyNames()) {
            map.put(key, bytes(json, key));
        }
        return map;
    }
}
