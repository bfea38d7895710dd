package dev.arca.kbs.resource;

import dev.arca.model.resource.ResourcePath;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM encryption of secrets at rest. The AAD binds the ciphertext to its resource path, so a row copied onto
 * another path (by someone with database access) fails authentication instead of releasing the wrong secret.
 */
public final class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String AAD_PREFIX = "arca-kbs-resource-v1\0";

    /** A ciphertext (with its tag), its nonce and the id of the KEK it was sealed under. */
    public record Sealed(byte[] ciphertext, byte[] nonce, String keyId) {
    }

    private final KeyEncryptionKey kek;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(KeyEncryptionKey kek) {
        this.kek = kek;
    }

    public Sealed seal(ResourcePath path, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, path);
            return new Sealed(cipher.doFinal(plaintext), nonce, kek.id());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a resource", e);
        }
    }

    /** @throws IllegalStateException when the row was sealed under another KEK, for another path, or altered */
    public byte[] open(ResourcePath path, Sealed sealed) {
        if (!kek.id().equals(sealed.keyId())) {
            throw new IllegalStateException("resource " + path + " was encrypted under KEK " + sealed.keyId()
                    + ", the configured KEK is " + kek.id());
        }
        try {
            return cipher(Cipher.DECRYPT_MODE, sealed.nonce(), path).doFinal(sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("resource " + path + " failed authentication (altered or moved)", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, ResourcePath path) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, kek.key(), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD((AAD_PREFIX + path).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
