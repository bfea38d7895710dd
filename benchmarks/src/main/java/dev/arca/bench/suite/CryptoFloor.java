package dev.arca.bench.suite;

import dev.arca.bench.FlowCryptoBenchmark;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operations of {@link FlowCryptoBenchmark}, timed in CPU time of the calling thread rather than wall time: on a
 * machine that other work keeps busy, JMH's wall-clock scores swing by an order of magnitude, CPU time hardly at all.
 * For an idle machine, {@code java -jar benchmarks/target/benchmarks.jar FlowCrypto} gives JMH's own figures.
 */
final class CryptoFloor {

    private interface Operation {
        void run() throws Exception;
    }

    /** Microseconds of CPU per operation, by benchmark method name. */
    static Map<String, Double> measure(long warmupNanos, long measureNanos) throws Exception {
        FlowCryptoBenchmark benchmark = new FlowCryptoBenchmark();
        benchmark.setUp();
        Map<String, Operation> operations = new LinkedHashMap<>();
        operations.put("es256Sign", benchmark::es256Sign);
        operations.put("es256Verify", benchmark::es256Verify);
        operations.put("ecdhEs", benchmark::ecdhEs);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Double> micros = new LinkedHashMap<>();
        for (Map.Entry<String, Operation> operation : operations.entrySet()) {
            repeat(operation.getValue(), threads, warmupNanos);
            long start = threads.getCurrentThreadCpuTime();
            long count = repeat(operation.getValue(), threads, measureNanos);
            micros.put(operation.getKey(), (threads.getCurrentThreadCpuTime() - start) / 1e3 / count);
        }
        return micros;
    }

    /** Runs the operation until the thread has spent {@code cpuNanos} of CPU; returns how many times it ran. */
    private static long repeat(Operation operation, ThreadMXBean threads, long cpuNanos) throws Exception {
        long until = threads.getCurrentThreadCpuTime() + cpuNanos;
        long count = 0;
        do {
            for (int i = 0; i < 50; i++) {
                operation.run();
            }
            count += 50;
        } while (threads.getCurrentThreadCpuTime() < until);
        return count;
    }
}
