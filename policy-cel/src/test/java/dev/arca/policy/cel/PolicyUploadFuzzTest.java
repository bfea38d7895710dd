package dev.arca.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes policy upload (docs/fuzzing.md): compiling, type-checking and estimating arbitrary text ends in a compiled
 * policy or a {@link PolicyRejectedException}; any other exception or error that escapes is a finding. Under plain
 * {@code verify} the seeds in {@code PolicyUploadFuzzTestInputs/upload/} run as regression tests.
 */
class PolicyUploadFuzzTest {

    private static final PolicyEnvironment ENVIRONMENT = PolicyEnvironment.builder()
            .variable("input").variable("request").cacheSize(16).build();

    @FuzzTest
    void upload(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            CompiledPolicy policy = ENVIRONMENT.compile(text);
            assertThat(policy.estimatedIterations()).isBetween(0L, (long) ENVIRONMENT.budget().maxIterations());
        } catch (PolicyRejectedException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
