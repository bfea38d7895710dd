package dev.arca.launcher;

import dev.arca.launcher.suite.NativeHeapTrim;
import java.util.List;

/** JVM options for the three service processes. */
final class SuiteOptions {

    /**
     * Every service process, whatever the command: small heap, serial GC, and no JDK 25 warning from Netty. The
     * initial heap is set because the JVM's default is 1/64 of the machine's memory (384 MiB on a 24 GiB host), which
     * the serial collector commits and fills with young objects before it ever needs it: the AS and the RVPS ran in
     * 40 MiB less resident memory each with {@code -Xms64m} (docs/performance.md, "Memory").
     */
    static final String COMMON = "-Xms64m -Xmx512m -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED";

    /**
     * The demo's services live for seconds: the C1 compiler alone halves their start-up (31 s → 15 s for the whole
     * demo here), while {@code ./arca up} keeps the full JIT for throughput.
     */
    static final String QUICK_START = COMMON + " -XX:TieredStopAtLevel=1";

    private SuiteOptions() {
    }

    /** The options of {@code --java-opts}, and the native heap trim where the JDK has it ({@link NativeHeapTrim}). */
    static List<String> split(String options) {
        return NativeHeapTrim.added(List.of(options.trim().split("\\s+")));
    }
}
