package dev.arca.attestation.support;

import com.nimbusds.jose.JOSEException;
import dev.arca.model.caller.CallerKeyFile;
import dev.arca.service.security.CallerTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Arca's KBS as the tests' AS sees it: a caller key the AS trusts as {@code kbs}, and its caller tokens. */
public final class KbsCaller {

    private static final Path KEY_FILE = keyFile();

    private KbsCaller() {
    }

    /** The public key file the AS is configured to trust ({@code arca.callers.trusted.kbs}). */
    public static String publicKeyFile() {
        return CallerKeyFile.publicKeyFile(KEY_FILE).toString();
    }

    /**
     * The Authorization values the KBS sends with its calls to the AS, minted on {@code clock}: the AS checks their
     * expiry on its own (test) clock.
     */
    public static java.util.function.Supplier<String> authorization(Clock clock) {
        CallerTokens tokens = tokens(clock);
        return () -> tokens.authorization("attestation-service");
    }

    private static Path keyFile() {
        try {
            Path file = Files.createTempDirectory("arca-kbs-caller").resolve("caller-key.pem");
            CallerKeyFile.loadOrCreate(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CallerTokens tokens(Clock clock) {
        try {
            return new CallerTokens("kbs", CallerKeyFile.loadOrCreate(KEY_FILE), Duration.ofMinutes(10), clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
