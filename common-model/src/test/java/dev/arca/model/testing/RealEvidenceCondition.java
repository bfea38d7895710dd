package dev.arca.model.testing;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Enables {@link RealEvidence} tests only when the {@link Corpus} is there. Otherwise it skips them and says why once
 * per test JVM on the build's console: the JVM's own stderr, because surefire sends the tests' System.out and
 * System.err to report files. An {@code ARCA_VECTORS} that names no directory fails the tests instead
 * ({@link Corpus#location()}).
 */
public final class RealEvidenceCondition implements ExecutionCondition {

    private static final AtomicBoolean TOLD = new AtomicBoolean();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<Path> dir = Corpus.location();
        if (dir.isPresent()) {
            return ConditionEvaluationResult.enabled("real-evidence corpus at " + dir.get());
        }
        String why = Corpus.absence();
        if (TOLD.compareAndSet(false, true)) {
            PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
                    StandardCharsets.UTF_8);
            console.println(Path.of("").toAbsolutePath().getFileName() + ": " + why);
        }
        return ConditionEvaluationResult.disabled(why);
    }
}
