package dev.arca.model.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real-evidence corpus: TEE evidence, collateral and supply-chain metadata captured by others and published in
 * their public repositories (Trustee, go-tdx-guest, go-sev-guest, Phala dcap-qvl, the in-toto demo…). It is not ours
 * to redistribute, so it is never in the repository: tests read it in place when it exists — at {@code ARCA_VECTORS}
 * (environment), or else at {@code ../shared/vectors} beside the repository (the parent pom passes that path to the
 * tests as the system property {@code arca.vectors}). Tests that read it are marked {@link RealEvidence}.
 */
public final class Corpus {

    static final String ENVIRONMENT = "ARCA_VECTORS";
    static final String PROPERTY = "arca.vectors";

    private Corpus() {
    }

    /**
     * The corpus directory, if there is one. An {@code ARCA_VECTORS} that names no directory is an error, not an
     * absence: whoever set it expects the real-evidence tests to run.
     */
    public static Optional<Path> location() {
        String configured = System.getenv(ENVIRONMENT);
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException(ENVIRONMENT + "=" + configured + " is not a directory");
            }
            return Optional.of(dir);
        }
        String beside = System.getProperty(PROPERTY);
        return beside == null ? Optional.empty() : Optional.of(Path.of(beside)).filter(Files::isDirectory);
    }

    public static boolean present() {
        return location().isPresent();
    }

    /** The corpus file at {@code relative}; an error when there is no corpus or it lacks that file. */
    public static Path path(String relative) {
        Path dir = location().orElseThrow(() -> new IllegalStateException(absence()));
        Path file = dir.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the real-evidence corpus at " + dir + " lacks " + relative);
        }
        return file;
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String relative) {
        return new String(bytes(relative), StandardCharsets.UTF_8);
    }

    /** Why the real-evidence tests do not run here. */
    static String absence() {
        Path beside = Path.of(System.getProperty(PROPERTY, "../shared/vectors")).toAbsolutePath().normalize();
        return "real-evidence tests skipped: no corpus at " + beside + " and " + ENVIRONMENT + " is not set (their"
                + " code paths are also covered by tests on evidence they build)";
    }
}
