package dev.arca.launcher.suite;

import java.util.ArrayList;
import java.util.List;

/**
 * Has the service JVMs give freed native memory back to the operating system every few seconds. glibc's malloc keeps
 * what the JIT compilers and other native code free, 40–80 MiB per service under load that no JVM accounting shows
 * (docs/performance.md, "Memory"). The flag is a product flag in every JDK from 23 on; JDK 21 updates have it as
 * an experimental flag or not at all (an unknown flag stops the JVM), so it is only added when the services run on
 * JDK 23 or later — the same JDK as this process — and is not already given.
 */
public final class NativeHeapTrim {

    static final String FLAG = "-XX:TrimNativeHeapInterval=";
    /** Milliseconds between trims: each costs well under a millisecond. */
    static final int INTERVAL_MILLIS = 5000;
    private static final int FIRST_PRODUCT_FEATURE = 23;

    private NativeHeapTrim() {
    }

    /** {@code options} with the trim interval added when this JDK has the flag and the options do not set it. */
    public static List<String> added(List<String> options) {
        return added(options, Runtime.version().feature());
    }

    static List<String> added(List<String> options, int jdkFeature) {
        if (jdkFeature < FIRST_PRODUCT_FEATURE || options.stream().anyMatch(option -> option.startsWith(FLAG))) {
            return options;
        }
        List<String> withTrim = new ArrayList<>(options);
        withTrim.add(FLAG + INTERVAL_MILLIS);
        return List.copyOf(withTrim);
    }
}
