package dev.arca.agent.image;

import dev.arca.model.json.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * ocicrypt's one layer cipher, {@code AES_256_CTR_HMAC_SHA256} (containers/ocicrypt blockcipher_aes_ctr.go): a fresh
 * 32-byte key and 16-byte nonce per layer; AES-256-CTR over the layer blob, then HMAC-SHA256 under the same key over
 * the ciphertext (encrypt-then-MAC). Decryption checks the MAC over the whole ciphertext before it writes a byte of
 * plaintext, and then the plaintext's digest against the one in the private options.
 */
public final class LayerCipher {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BUFFER = 64 * 1024;

    private LayerCipher() {
    }

    /** Both halves of the options of one encrypted layer. */
    public record Sealed(LayerOptions.Private privateOptions, LayerOptions.Public publicOptions) {
    }

    /** Encrypts {@code plain} (whose digest is {@code digest}) into {@code encrypted}. */
    public static Sealed encrypt(Path plain, Path encrypted, String digest) throws ImageException {
        byte[] key = new byte[32];
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(key);
        RANDOM.nextBytes(nonce);
        try (InputStream in = Files.newInputStream(plain); OutputStream out = Files.newOutputStream(encrypted)) {
            Cipher ctr = ctr(Cipher.ENCRYPT_MODE, key, nonce);
            Mac mac = hmac(key);
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) > 0; ) {
                byte[] chunk = ctr.update(buffer, 0, n);
                mac.update(chunk);
                out.write(chunk);
            }
            return new Sealed(new LayerOptions.Private(key, digest, nonce),
                    new LayerOptions.Public(LayerOptions.CIPHER, mac.doFinal()));
        } catch (IOException e) {
            throw new ImageException("cannot encrypt " + plain + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new ImageException("AES-256-CTR is not available: " + e.getMessage(), e);
        }
    }

    /** Decrypts {@code encrypted} into {@code plain}: MAC first, then the plaintext digest. */
    public static void decrypt(Path encrypted, Path plain, LayerOptions.Private privateOptions,
            LayerOptions.Public publicOptions) throws ImageException {
        if (!LayerOptions.CIPHER.equals(publicOptions.cipher())) {
            throw new ImageException("layer cipher '" + publicOptions.cipher() + "' is not " + LayerOptions.CIPHER);
        }
        byte[] key = privateOptions.symkey();
        if (key.length != 32 || privateOptions.nonce() == null || privateOptions.nonce().length != 16) {
            throw new ImageException("layer options need a 32-byte symkey and a 16-byte nonce");
        }
        if (publicOptions.hmac() == null || publicOptions.hmac().length == 0) {
            throw new ImageException("the layer's public options carry no HMAC");
        }
        try {
            Mac mac = hmac(key);
            byte[] buffer = new byte[BUFFER];
            try (InputStream in = Files.newInputStream(encrypted)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    mac.update(buffer, 0, n);
                }
            }
            if (!MessageDigest.isEqual(mac.doFinal(), publicOptions.hmac())) {
                throw new ImageException("the layer's HMAC does not match: wrong key or a tampered layer");
            }
            Cipher ctr = ctr(Cipher.DECRYPT_MODE, key, privateOptions.nonce());
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(encrypted); OutputStream out = Files.newOutputStream(plain)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    byte[] chunk = ctr.update(buffer, 0, n);
                    sha256.update(chunk);
                    out.write(chunk);
                }
            }
            String digest = OciLayout.SHA256 + Hex.of(sha256.digest());
            if (!digest.equals(privateOptions.digest())) {
                Files.deleteIfExists(plain);
                throw new ImageException("the decrypted layer is " + digest + ", not " + privateOptions.digest());
            }
        } catch (IOException e) {
            throw new ImageException("cannot decrypt " + encrypted + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new ImageException("AES-256-CTR is not available: " + e.getMessage(), e);
        }
    }

    private static Cipher ctr(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(nonce));
        return cipher;
    }

    private static Mac hmac(byte[] key) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac;
    }
}
