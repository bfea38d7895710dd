package dev.arca.model.keys;

import dev.arca.model.admin.PemKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;

/**
 * A private key a service makes for itself once and keeps (the AS's token signing key, the caller keys): PEM PKCS#8,
 * readable by the owner only, written to a private temporary file and moved into place so that no reader ever sees
 * half a key, and never overwritten.
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
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".key", ".tmp");
        try {
            restrictToOwner(temp);
            Files.writeString(temp, PemKeys.toPem(key), StandardCharsets.US_ASCII);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file);
            }
            return true;
        } catch (FileAlreadyExistsException anotherProcessWasFaster) {
            return false;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // non-POSIX file systems keep their default ACLs
        }
    }
}
