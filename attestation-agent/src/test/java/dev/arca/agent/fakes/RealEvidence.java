package dev.arca.agent.fakes;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real-evidence corpus: TEE evidence, collateral and supply-chain metadata captured by others and published in
 * their public repositories (Trustee, go-tdx-guest, go-sev-guest, the in-toto demo…). It is not ours to redistribute,
 * so it is never in the repository: tests read it in place when it exists — at {@code ARCA_VECTORS} (environment), or
 * else at {@code ../shared/vectors} beside the repository (the build passes that path as the system property
 * {@code arca.vectors}). Every path those tests cover is also covered by tests on inputs they build themselves.
 *
 * <p>As a JUnit condition ({@code @ExtendWith(RealEvidence.class)}) it runs a test only when the corpus is there,
 * and otherwise skips it, saying why once per test run on the build's console (the JVM's own stderr: surefire sends
 * the tests' System.out to report files). An {@code ARCA_VECTORS} that names no directory is an error, not a
 * skip: whoever set it expects those tests to run.
 */
public final class RealEvidence implements ExecutionCondition {

    static final String ENVIRONMENT = "ARCA_VECTORS";
    static final String PROPERTY = "arca.vectors";

    private static final AtomicBoolean TOLD = new AtomicBoolean();

    /** The corpus directory, if there is one. */
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

    public static Path path(String relative) {
        Path dir = location().orElseThrow(() -> new IllegalStateException(why()));
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

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<Path> dir = location();
        if (dir.isPresent()) {
            return ConditionEvaluationResult.enabled("real-evidence corpus at " + dir.get());
        }
        String why = why();
        if (TOLD.compareAndSet(false, true)) {
            PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
                    StandardCharsets.UTF_8);
            console.println(Path.of("").toAbsolutePath().getFileName() + ": " + why);
        }
        return ConditionEvaluationResult.disabled(why);
    }

    private static String why() {
        Path beside = Path.of(System.getProperty(PROPERTY, "../shared/vectors")).toAbsolutePath().normalize();
        return "real-evidence tests skipped: no corpus at " + beside + " and " + ENVIRONMENT + " is not set (their"
                + " code paths are also covered by tests on evidence they build)";
    }
}
