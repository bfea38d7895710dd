package dev.arca.launcher;

import java.util.List;

/** JVM options for the three service processes. */
final class SuiteOptions {

    /** Every service process, whatever the command: small heap, serial GC, and no JDK 25 warning from Netty. */
    static final String COMMON = "-Xmx512m -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED";

    /**
     * The demo's services live for seconds: the C1 compiler alone halves their start-up (31 s → 15 s for the whole
     * demo here), while {@code ./arca up} keeps the full JIT for throughput.
     */
    static final String QUICK_START = COMMON + " -XX:TieredStopAtLevel=1";

    private SuiteOptions() {
    }

    static List<String> split(String options) {
        return List.of(options.trim().split("\\s+"));
    }
}
