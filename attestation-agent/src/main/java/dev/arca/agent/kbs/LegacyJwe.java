package dev.arca.agent.kbs;

import dev.arca.model.json.Json;
import dev.arca.model.kbs.JweResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;

/**
 * The pre-0.2.0 resource encryption (the Trustee KBS protocol before 0.2.0): {@code protected} is raw JSON text
 * {@code {"alg":"RSA1_5","enc":"A256GCM"}}, the 32-byte CEK is RSAES-PKCS1-v1_5-encrypted, and AES-256-GCM runs
 * with no AAD and the tag appended to the ciphertext ({@code "tag": ""}). Only used when the client was told to
 * speak protocol 0.1.1, so a current KBS can never be talked down to it.
 */
final class LegacyJwe {

    private LegacyJwe() {
    }

    static byte[] decrypt(JweResponse response, PrivateKey rsaKey) throws JweDecryptionException {
        JsonNode header;
        try {
            header = Json.MAPPER.readTree(response.protectedHeader());
        } catch (RuntimeException e) {
            throw new JweDecryptionException("legacy JWE protected header is not JSON", e);
        }
        if (!"RSA1_5".equals(header.path("alg").asString(null))
                || !"A256GCM".equals(header.path("enc").asString(null))) {
            throw new JweDecryptionException("legacy JWE must be RSA1_5 + A256GCM, got " + Json.write(header));
        }
        try {
            Base64.Decoder url = Base64.getUrlDecoder();
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.DECRYPT_MODE, rsaKey);
            byte[] cek = rsa.doFinal(url.decode(response.encryptedKey()));
            if (cek.length != 32) {
                throw new JweDecryptionException("legacy JWE content key is " + cek.length + " bytes, not 32");
            }
            byte[] iv = url.decode(response.iv());
            if (iv.length != 12) {
                throw new JweDecryptionException("legacy JWE IV is " + iv.length + " bytes, not 12");
            }
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, iv));
            return gcm.doFinal(url.decode(response.ciphertext().getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            throw new JweDecryptionException("cannot decrypt the legacy JWE with the TEE key", e);
        }
    }
}
