package dev.arca.agent.keyprovider;

import dev.arca.model.resource.InvalidResourcePathException;
import dev.arca.model.resource.ResourceUri;
import java.util.Base64;
import tools.jackson.databind.JsonNode;

/**
 * The {@code org.opencontainers.image.enc.keys.provider.attestation-agent} annotation of an encrypted layer
 * (guest-components IMAGE_ENCRYPTION.md): v1 {@code {"kid": <resource URI>, "wrapped_data": b64, "iv": b64,
 * "wrap_type": "A256GCM"|"A256CTR"}}; v2 adds {@code "version": "0.1.0"}, {@code "provider"} (default {@code kbs}),
 * {@code provider_settings} and {@code annotations}. With the {@code kbs} provider, {@code kid} names the KBS
 * resource holding the key-encryption key.
 *
 * @param kid         the resource with the key-encryption key
 * @param wrappedData the encrypted layer key (GCM: ciphertext ‖ tag)
 * @param iv          the IV (12 bytes for GCM, 16 for CTR)
 * @param wrapType    A256GCM or A256CTR
 * @param provider    the key source; only {@code kbs} is served here
 */
public record AnnotationPacket(ResourceUri kid, byte[] wrappedData, byte[] iv, String wrapType, String provider) {

    public static final String KBS_PROVIDER = "kbs";

    public static AnnotationPacket parse(JsonNode json) throws KeyProviderException {
        if (json == null || !json.isObject()) {
            throw new KeyProviderException("annotation packet is not a JSON object");
        }
        String kid = text(json, "kid", true);
        ResourceUri uri;
        try {
            uri = ResourceUri.parse(kid);
        } catch (InvalidResourcePathException e) {
            throw new KeyProviderException("annotation kid is not a KBS resource URI: " + e.getMessage(), e);
        }
        String provider = text(json, "provider", false);
        return new AnnotationPacket(uri, bytes(json, "wrapped_data", true), bytes(json, "iv", false),
                text(json, "wrap_type", false), provider == null ? KBS_PROVIDER : provider);
    }

    private static String text(JsonNode json, String name, boolean required) throws KeyProviderException {
        JsonNode value = json.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw new KeyProviderException("annotation packet lacks '" + name + "'");
            }
            return null;
        }
        if (!value.isString()) {
            throw new KeyProviderException("annotation packet '" + name + "' is not a string");
        }
        return value.asString();
    }

    private static byte[] bytes(JsonNode json, String name, boolean required) throws KeyProviderException {
        String text = text(json, name, required);
        if (text == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new KeyProviderException("annotation packet '" + name + "' is not base64", e);
        }
    }
}
