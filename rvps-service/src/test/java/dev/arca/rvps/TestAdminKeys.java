package dev.arca.rvps;

import dev.arca.model.admin.AdminTokenSigner;
import dev.arca.model.admin.PemKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;

/** Real P-256 admin key pairs made for the test run, as {@code arca-admin init} makes them. */
public final class TestAdminKeys {

    private TestAdminKeys() {
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the public key as the PEM file the service reads from {@code arca.admin.public-key-files}. */
    public static Path writePublicKey(KeyPair keys, Path file) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, PemKeys.toPem(keys.getPublic()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AdminTokenSigner signer(KeyPair keys, Clock clock) {
        return new AdminTokenSigner(keys.getPrivate(), keys.getPublic(), clock);
    }
}
