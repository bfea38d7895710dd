package dev.arca.model.keys;

import dev.arca.model.admin.PemKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;

/**
 * A private key a service makes for itself once and keeps (the AS's token signing key, the caller keys): PEM PKCS#8,
 * written with {@link KeyFiles#createOnce}: owner-only, never seen half-written, never overwritten.
 */
public final class PrivateKeyFile {

    private PrivateKeyFile() {
    }

    /** A new EC P-256 key pair. */
    public static KeyPair newP256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate P-256 keys", e);
        }
    }

    /**
     * Writes {@code key} to {@code file} unless the file exists.
     *
     * @return false when another process created the file first (its key is then the one to use)
     */
    public static boolean writeOnce(Path file, PrivateKey key) throws IOException {
        return KeyFiles.createOnce(file, PemKeys.toPem(key).getBytes(StandardCharsets.US_ASCII));
    }
}
