package dev.arca.model.image;

import dev.arca.model.json.Json;
import dev.arca.model.resource.InvalidResourcePathException;
import dev.arca.model.resource.ResourceUri;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code org.opencontainers.image.enc.keys.provider.attestation-agent} annotation of an encrypted layer
 * (guest-components IMAGE_ENCRYPTION.md, coco_keyprovider): v1 {@code {"kid": <resource URI>, "wrapped_data": b64,
 * "iv": b64, "wrap_type": "A256GCM"|"A256CTR"}}; v2 adds {@code "version": "0.1.0"}, {@code "provider"} (default
 * {@code kbs}), {@code provider_settings} and {@code annotations}. With the {@code kbs} provider, {@code kid} names
 * the KBS resource holding the 32-byte key-encryption key, and {@code wrapped_data} is the layer's private options
 * (ocicrypt's optsData) encrypted under it: AES-256-GCM with a 12-byte IV and the tag appended, or AES-256-CTR
 * with a 16-byte IV.
 *
 * @param kid         the resource with the key-encryption key
 * @param wrappedData the encrypted optsData
 * @param iv          the IV
 * @param wrapType    A256GCM or A256CTR
 * @param provider    the key source; only {@code kbs} is served here
 */
public record AnnotationPacket(ResourceUri kid, byte[] wrappedData, byte[] iv, String wrapType, String provider) {

    public static final String KBS_PROVIDER = "kbs";
    /** The layer annotation ocicrypt gives to a key provider named {@code attestation-agent}. */
    public static final String ANNOTATION = "org.opencontainers.image.enc.keys.provider.attestation-agent";
    public static final int KEK_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** How {@code wrapped_data} is encrypted under the key-encryption key. */
    public enum WrapType {
        A256GCM(12), A256CTR(16);

        private final int ivBytes;

        WrapType(int ivBytes) {
            this.ivBytes = ivBytes;
        }

        public static WrapType parse(String name) throws KeyProviderException {
            for (WrapType type : values()) {
                if (type.name().equals(name)) {
                    return type;
                }
            }
            throw new KeyProviderException("wrap_type '" + name + "' is not A256GCM or A256CTR");
        }
    }

    /** Encrypts {@code optsData} under {@code kek} with a fresh random IV (the encryption key provider's side). */
    public static AnnotationPacket seal(ResourceUri kid, byte[] kek, byte[] optsData, WrapType type)
            throws KeyProviderException {
        requireKek(kid, kek);
        byte[] iv = new byte[type.ivBytes];
        RANDOM.nextBytes(iv);
        try {
            return new AnnotationPacket(kid, cipher(Cipher.ENCRYPT_MODE, type, kek, iv).doFinal(optsData), iv,
                    type.name(), KBS_PROVIDER);
        } catch (GeneralSecurityException e) {
            throw new KeyProviderException("cannot wrap the layer options: " + e.getMessage(), e);
        }
    }

    /** Decrypts {@code wrapped_data} with the key-encryption key fetched from {@link #kid()}. */
    public byte[] open(byte[] kek) throws KeyProviderException {
        if (!KBS_PROVIDER.equals(provider)) {
            throw new KeyProviderException("key provider '" + provider + "' is not supported (only kbs)");
        }
        if (iv == null || wrapType == null) {
            throw new KeyProviderException("annotation packet needs iv and wrap_type for the kbs provider");
        }
        WrapType type = WrapType.parse(wrapType);
        requireKek(kid, kek);
        if (iv.length != type.ivBytes) {
            throw new KeyProviderException(type + " needs a " + type.ivBytes + "-byte iv, got " + iv.length);
        }
        try {
            return cipher(Cipher.DECRYPT_MODE, type, kek, iv).doFinal(wrappedData);
        } catch (AEADBadTagException e) {
            throw new KeyProviderException("the layer key does not decrypt under the key at " + kid
                    + " (wrong key or tampered annotation)", e);
        } catch (GeneralSecurityException e) {
            throw new KeyProviderException("cannot unwrap the layer key: " + e.getMessage(), e);
        }
    }

    private static void requireKek(ResourceUri kid, byte[] kek) throws KeyProviderException {
        if (kek.length != KEK_BYTES) {
            throw new KeyProviderException("the key-encryption key at " + kid + " is " + kek.length
                    + " bytes, not an AES-256 key");
        }
    }

    private static Cipher cipher(int mode, WrapType type, byte[] kek, byte[] iv) throws GeneralSecurityException {
        SecretKeySpec key = new SecretKeySpec(kek, "AES");
        Cipher cipher;
        if (type == WrapType.A256GCM) {
            cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(128, iv));
        } else {
            cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(mode, key, new IvParameterSpec(iv));
        }
        return cipher;
    }

    /** The v1 JSON upstream's coco_keyprovider writes (readable by every guest, old and new). */
    public byte[] toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("kid", kid.toString());
        json.put("wrapped_data", Base64.getEncoder().encodeToString(wrappedData));
        json.put("iv", Base64.getEncoder().encodeToString(iv));
        json.put("wrap_type", wrapType);
        return Json.writeBytes(json);
    }

    public static AnnotationPacket parse(byte[] json) throws KeyProviderException {
        try {
            return parse(Json.MAPPER.readTree(json));
        } catch (KeyProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KeyProviderException("the annotation packet is not JSON");
        }
    }

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
