package dev.arca.launcher.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NativeHeapTrimTest {

    private static final List<String> OPTIONS = List.of("-Xms64m", "-Xmx192m");

    @Test
    void aJdkWithTheProductFlagGetsItAfterTheGivenOptions() {
        assertThat(NativeHeapTrim.added(OPTIONS, 25)).containsExactly("-Xms64m", "-Xmx192m",
                "-XX:TrimNativeHeapInterval=5000");
    }

    @Test
    void anOlderJdkWhereTheFlagIsExperimentalOrMissingGetsNothing() {
        assertThat(NativeHeapTrim.added(OPTIONS, 21)).isEqualTo(OPTIONS);
        assertThat(NativeHeapTrim.added(OPTIONS, 22)).isEqualTo(OPTIONS);
    }

    @Test
    void anIntervalGivenByTheUserIsKept() {
        List<String> own = List.of("-Xmx192m", "-XX:TrimNativeHeapInterval=0");

        assertThat(NativeHeapTrim.added(own, 25)).isEqualTo(own);
    }
}
