package dev.arca.kbs.secret.database;

import dev.arca.model.json.Hex;
import dev.arca.model.keys.KeyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AES-256 key that encrypts secrets at rest (AES-256-GCM): read from a file holding its standard base64, or a
 * non-extractable key inside an HSM ({@link Pkcs11Kek}), in which case every encryption runs in the HSM through its
 * JCA provider. Its id (derived from the key, never the key) is stored next to every ciphertext so a wrong KEK is
 * reported as such.
 */
public final class KeyEncryptionKey {

    private static final Logger log = LoggerFactory.getLogger(KeyEncryptionKey.class);
    private static final int KEY_BYTES = 32;
    private static final String GCM = "AES/GCM/NoPadding";

    private final SecretKey key;
    private final String id;
    private final Provider provider;

    public KeyEncryptionKey(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the KEK must be 32 bytes (AES-256), got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        this.id = idOf(key);
        this.provider = null;
    }

    /** A key held by {@code provider} (an HSM token), with an id the caller derived from it without reading it. */
    KeyEncryptionKey(SecretKey key, String id, Provider provider) {
        this.key = key;
        this.id = id;
        this.provider = provider;
    }

    /** An AES-GCM cipher that can use this key: the JDK's for a key from a file, the HSM's for a key in a token. */
    Cipher gcmCipher() throws GeneralSecurityException {
        return provider == null ? Cipher.getInstance(GCM) : Cipher.getInstance(GCM, provider);
    }

    public SecretKey key() {
        return key;
    }

    /** First 8 bytes of SHA-256("arca-kek-id" ‖ key), hex. */
    public String id() {
        return id;
    }

    /**
     * Reads the KEK from {@code file}; when the file does not exist and {@code generate} is set, a new random key is
     * written there first, readable by the owner only. An explicitly configured file is never generated: a missing
     * mount must fail the start rather than silently orphan every stored secret.
     */
    public static KeyEncryptionKey load(Path file, boolean generate) throws IOException {
        if (Files.notExists(file)) {
            if (!generate) {
                throw new IllegalStateException("KEK file " + file + " does not exist");
            }
            generate(file);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("KEK file " + file + " does not hold standard base64", e);
        }
        try {
            return new KeyEncryptionKey(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("KEK file " + file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static void generate(Path file) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            if (KeyFiles.createOnce(file, (Base64.getEncoder().encodeToString(key) + "\n")
                    .getBytes(StandardCharsets.US_ASCII))) {
                log.info("generated a new key-encryption key in {}", file);
            } else {
                log.info("key-encryption key {} was created concurrently; using it", file);
            }
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static String idOf(byte[] key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("arca-kek-id".getBytes(StandardCharsets.US_ASCII));
            return Hex.of(Arrays.copyOf(sha256.digest(key), 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
