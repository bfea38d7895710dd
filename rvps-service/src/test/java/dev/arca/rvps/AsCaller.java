package dev.arca.rvps;

import com.nimbusds.jose.JOSEException;
import dev.arca.model.caller.CallerKeyFile;
import dev.arca.service.security.CallerTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Arca's AS as the tests' RVPS sees it: a caller key trusted as {@code attestation-service}, and its tokens. */
public final class AsCaller {

    private static final Path KEY_FILE = keyFile();

    private AsCaller() {
    }

    public static String publicKeyFile() {
        return CallerKeyFile.publicKeyFile(KEY_FILE).toString();
    }

    /** The Authorization value of a read, minted on {@code clock} (the RVPS checks expiry on its own clock). */
    public static String authorization(Clock clock) {
        return tokens("attestation-service", clock).authorization("rvps");
    }

    /** Tokens signed with the AS's key but naming another caller. */
    public static CallerTokens tokens(String name, Clock clock) {
        try {
            return new CallerTokens(name, CallerKeyFile.loadOrCreate(KEY_FILE), Duration.ofMinutes(2), clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path keyFile() {
        try {
            Path file = Files.createTempDirectory("arca-as-caller").resolve("caller-key.pem");
            CallerKeyFile.loadOrCreate(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
