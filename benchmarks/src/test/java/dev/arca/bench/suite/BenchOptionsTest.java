package dev.arca.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code ./arca bench}'s options. */
class BenchOptionsTest {

    @Test
    void theDefaultsAreTheDocumentedRunWithoutASoak() {
        SuiteBench.BenchOptions options = SuiteBench.BenchOptions.parse(new String[0]);

        assertThat(options.levels()).containsExactly(1, 2, 4, 8, 16);
        assertThat(options.soak()).isEqualTo(Duration.ZERO);
        assertThat(options.serviceJvmOptions()).contains("-Xms64m", "-Xmx192m")
                .noneMatch(option -> option.contains("NativeMemoryTracking"));
        assertThat(options.agentRuns()).isEqualTo(5);
        assertThat(options.tdxRounds()).isEqualTo(5);
    }

    @Test
    void aSoakTurnsOnNativeMemoryTrackingOnce() {
        SuiteBench.BenchOptions soak = SuiteBench.BenchOptions.parse(new String[] {"--soak", "300"});
        SuiteBench.BenchOptions own = SuiteBench.BenchOptions.parse(new String[] {"--soak", "60",
            "--java-opts", "-Xmx128m -XX:NativeMemoryTracking=detail"});

        assertThat(soak.soak()).isEqualTo(Duration.ofMinutes(5));
        assertThat(soak.serviceJvmOptions()).endsWith("-XX:NativeMemoryTracking=summary");
        assertThat(own.serviceJvmOptions()).startsWith("-Xmx128m", "-XX:NativeMemoryTracking=detail")
                .filteredOn(option -> option.contains("NativeMemoryTracking")).hasSize(1);
    }

    @Test
    void anUnknownOptionOrAMissingValueIsRefused() {
        assertThatThrownBy(() -> SuiteBench.BenchOptions.parse(new String[] {"--soak-for", "300"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--soak-for");
        assertThatThrownBy(() -> SuiteBench.BenchOptions.parse(new String[] {"--guests", "1", "--tdx-rounds"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--tdx-rounds");
    }
}
