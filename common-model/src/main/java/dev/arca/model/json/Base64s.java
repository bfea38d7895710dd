package dev.arca.model.json;

import java.util.Base64;

/**
 * The two base64 flavours of the protocols (Trustee restful-as.md, kbs_attestation_protocol.md): standard with padding,
 * used for nonces and sample report data; URL-safe without padding, used for JWE members, JWK coordinates and AS
 * evidence.
 */
public final class Base64s {

    private Base64s() {
    }

    public static String std(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static byte[] fromStd(String text) {
        return Base64.getDecoder().decode(text);
    }

    public static String url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Strict URL-safe, unpadded decoding: upstream's decoder rejects padding and the standard alphabet, so Arca
     * rejects them too rather than accept evidence an upstream AS would refuse.
     */
    public static byte[] fromUrl(String text) {
        if (text.indexOf('=') >= 0 || text.indexOf('+') >= 0 || text.indexOf('/') >= 0) {
            throw new IllegalArgumentException("expected base64url without padding");
        }
        return Base64.getUrlDecoder().decode(text);
    }
}
