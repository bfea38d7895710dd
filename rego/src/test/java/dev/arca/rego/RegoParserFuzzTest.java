package dev.arca.rego;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Fuzzes policy upload and evaluation (docs/fuzzing.md): arbitrary text either compiles or is refused with a
 * {@link RegoException} carrying a code; a compiled policy's whole {@code data} document either evaluates or fails with
 * a {@link RegoException} (budget, deadline, conflict, ...). Anything else escaping is a finding. Under plain
 * {@code verify} the seeds in {@code RegoParserFuzzTestInputs/module/} run as regression tests.
 */
class RegoParserFuzzTest {

    private static final RegoEngine ENGINE = RegoEngine.builder()
            .maxSteps(20_000).timeout(Duration.ofMillis(200)).cacheSize(4).build();

    @FuzzTest
    void module(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            CompiledPolicy policy = ENGINE.compile(text);
            assertThat(policy.packagePath()).isNotEmpty();
            policy.evaluate("data", dev.arca.rego.value.Json.parse("{\"a\":[1,\"x\",{\"b\":null}]}"), null);
        } catch (RegoException refused) {
            assertThat(refused.code()).isNotBlank();
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
