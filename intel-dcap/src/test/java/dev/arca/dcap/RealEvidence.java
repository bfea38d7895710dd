package dev.arca.dcap;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that reads the real-evidence corpus ({@link Vectors}): it runs whenever the corpus is present
 * and is skipped, with one line saying why, when it is not. What it checks is also covered with evidence the tests
 * build themselves ({@code dev.arca.dcap.testpki}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("real-evidence")
@ExtendWith(RealEvidenceCondition.class)
public @interface RealEvidence {
}
