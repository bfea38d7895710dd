package dev.arca.kbs.testing;

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
import java.time.Duration;

/**
 * One fake AS, one data directory and one admin key for the whole test run, so every integration test class has the
 * same configuration and shares one cached Spring context (a context costs ~10 s here).
 */
public final class TestEnvironment {

    public static final FakeAttestationServer AS = new FakeAttestationServer();
    public static final Path DATA_DIR;
    public static final Path ADMIN_PUBLIC_KEY;
    private static final KeyPair ADMIN_KEY;
    private static final KeyPair STRANGER_KEY;

    static {
        try {
            DATA_DIR = Files.createTempDirectory("arca-kbs-test");
            ADMIN_KEY = p256();
            STRANGER_KEY = p256();
            ADMIN_PUBLIC_KEY = DATA_DIR.resolve("admin-pub.pem");
            Files.writeString(ADMIN_PUBLIC_KEY, PemKeys.toPem(ADMIN_KEY.getPublic()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            AS.close();
            deleteQuietly(DATA_DIR);
        }));
    }

    private TestEnvironment() {
    }

    /** "Authorization" header value with a 5-minute admin token carrying {@code role}. */
    public static String adminBearer(String role) {
        return "Bearer " + new AdminTokenSigner(ADMIN_KEY.getPrivate(), ADMIN_KEY.getPublic(), Clock.systemUTC())
                .sign("test-admin", role, Duration.ofMinutes(5));
    }

    /** A well-formed admin token signed by a key the KBS does not trust. */
    public static String strangerBearer() {
        return "Bearer " + new AdminTokenSigner(STRANGER_KEY.getPrivate(), STRANGER_KEY.getPublic(), Clock.systemUTC())
                .sign("intruder", "admin", Duration.ofMinutes(5));
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    private static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
