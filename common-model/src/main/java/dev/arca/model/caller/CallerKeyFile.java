package dev.arca.model.caller;

import dev.arca.model.admin.PemKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;

/**
 * The key a service signs its calls to another service with (docs/security.md "Callers of internal APIs"): a PEM
 * PKCS#8 EC P-256 private key in {@code file} (owner-only) and its public key in {@code file.pub}, the file a callee
 * is configured to trust. Created on first use and reused afterwards, so the launcher, the Helm chart and the service
 * itself agree on one key.
 */
public record CallerKeyFile(PrivateKey privateKey, PublicKey publicKey) {

    public static Path publicKeyFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".pub");
    }

    /** Reads the key pair, creating both files when the private key does not exist yet. */
    public static CallerKeyFile loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                create(file);
            } catch (FileAlreadyExistsException raced) {
                // another process created it first: use theirs
            }
        }
        PrivateKey privateKey = PemKeys.readPrivateKey(file);
        Path pub = publicKeyFile(file);
        List<PublicKey> publicKeys = PemKeys.readPublicKeys(pub);
        return new CallerKeyFile(privateKey, publicKeys.getFirst());
    }

    private static void create(Path file) throws IOException {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate a P-256 key: " + e.getMessage(), e);
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // the public half first: a reader that finds the private key also finds the public one
        Path pub = publicKeyFile(file);
        Files.writeString(pub, PemKeys.toPem(pair.getPublic()), StandardCharsets.US_ASCII);
        boolean posix = parent.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(parent, ".caller-key", ".tmp", ownerOnly);
        Files.writeString(temp, PemKeys.toPem(pair.getPrivate()), StandardCharsets.US_ASCII);
        try {
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
