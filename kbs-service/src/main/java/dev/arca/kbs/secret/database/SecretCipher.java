package dev.arca.kbs.secret.database;

import dev.arca.model.resource.ResourcePath;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM encryption of secrets at rest. The AAD binds the ciphertext to its resource path, so a row copied onto
 * another path (by someone with database access) fails authentication instead of releasing the wrong secret.
 *
 * <p>Secrets are always sealed under the current KEK. While a KEK is being rotated out
 * ({@code arca.kbs.kek-previous-file}), rows still sealed under it can be opened too, so every replica keeps serving
 * while {@link KekRotation} re-encrypts them.
 */
public final class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String AAD_PREFIX = "arca-kbs-resource-v1\0";

    /** A ciphertext (with its tag), its nonce and the id of the KEK it was sealed under. */
    public record Sealed(byte[] ciphertext, byte[] nonce, String keyId) {
    }

    private final KeyEncryptionKey kek;
    private final KeyEncryptionKey previous;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(KeyEncryptionKey kek) {
        this(kek, null);
    }

    /** @param previous the KEK being rotated out, or null */
    public SecretCipher(KeyEncryptionKey kek, KeyEncryptionKey previous) {
        if (previous != null && previous.id().equals(kek.id())) {
            throw new IllegalStateException("arca.kbs.kek-previous-file holds the current KEK; nothing to rotate");
        }
        this.kek = kek;
        this.previous = previous;
    }

    /** The id of the current KEK. */
    public String keyId() {
        return kek.id();
    }

    /** The id of the KEK being rotated out, or null. */
    public String previousKeyId() {
        return previous == null ? null : previous.id();
    }

    public Sealed seal(ResourcePath path, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(kek, Cipher.ENCRYPT_MODE, nonce, path);
            return new Sealed(cipher.doFinal(plaintext), nonce, kek.id());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a resource", e);
        }
    }

    /** @throws IllegalStateException when the row was sealed under an unknown KEK, for another path, or altered */
    public byte[] open(ResourcePath path, Sealed sealed) {
        KeyEncryptionKey key;
        if (kek.id().equals(sealed.keyId())) {
            key = kek;
        } else if (previous != null && previous.id().equals(sealed.keyId())) {
            key = previous;
        } else {
            throw new IllegalStateException("resource " + path + " was encrypted under KEK " + sealed.keyId()
                    + ", the configured KEK is " + kek.id()
                    + (previous == null ? "" : " (previous " + previous.id() + ")"));
        }
        try {
            return cipher(key, Cipher.DECRYPT_MODE, sealed.nonce(), path).doFinal(sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("resource " + path + " failed authentication (altered or moved)", e);
        }
    }

    private static Cipher cipher(KeyEncryptionKey key, int mode, byte[] nonce, ResourcePath path)
            throws GeneralSecurityException {
        Cipher cipher = key.gcmCipher();
        cipher.init(mode, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD((AAD_PREFIX + path).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
