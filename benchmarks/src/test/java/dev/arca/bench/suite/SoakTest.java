package dev.arca.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the JVM's Native Memory Tracking summary, as {@code jcmd PID VM.native_memory summary} prints it. */
class SoakTest {

    /** The shape of a JDK 25 summary (values shortened). */
    private static final List<String> SUMMARY = List.of(
            "12345:",
            "",
            "Native Memory Tracking:",
            "",
            "(Omitting categories weighting less than 1KB)",
            "",
            "Total: reserved=1745310KB, committed=388212KB",
            "       malloc: 33211KB #412345",
            "       mmap:   reserved=1712099KB, committed=355001KB",
            "",
            "-                 Java Heap (reserved=196608KB, committed=196608KB)",
            "                            (mmap: reserved=196608KB, committed=196608KB, at peak)",
            "",
            "-                     Class (reserved=1048913KB, committed=13393KB)",
            "                            (classes #17827)",
            "",
            "-                      Code (reserved=251412KB, committed=64412KB)",
            "                            (malloc=1780KB #12001) (at peak)");

    @Test
    void theTotalAndEachCategoryAreReadAsCommittedKib() {
        assertThat(Soak.committedKib(SUMMARY)).containsExactly(
                java.util.Map.entry("Total", 388212L),
                java.util.Map.entry("Java Heap", 196608L),
                java.util.Map.entry("Class", 13393L),
                java.util.Map.entry("Code", 64412L));
    }

    @Test
    void aProcessWithoutTrackingGivesNothing() {
        assertThat(Soak.committedKib(List.of("12345:", "Native memory tracking is not enabled"))).isEmpty();
    }
}
