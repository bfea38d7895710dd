package dev.arca.model.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class (usually a nested {@code OnRealEvidence}) that reads the real-evidence {@link Corpus}: it runs
 * whenever the corpus is present and is skipped, with one line on the console saying why, when it is not. What it
 * checks is also covered by tests on evidence the tests build themselves.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("real-evidence")
@ExtendWith(RealEvidenceCondition.class)
public @interface RealEvidence {
}
