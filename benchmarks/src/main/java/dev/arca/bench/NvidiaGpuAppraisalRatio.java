package dev.arca.bench;

import java.util.Locale;

/**
 * {@link NvidiaGpuAppraisalBenchmark}'s steady-state appraisal and its floor interleaved in one JVM — rounds of
 * appraisals, then as many floor verifies — so that on a shared, loaded machine both see the same load and their
 * ratio is meaningful even when JMH's sequential runs are not.
 *
 * <p>{@code ARCA_VECTORS=/path/to/vectors java -cp benchmarks/target/benchmarks.jar
 * dev.arca.bench.NvidiaGpuAppraisalRatio}
 */
public final class NvidiaGpuAppraisalRatio {

    private static final int WARM_UP = 3_000;
    private static final int ROUNDS = 20;
    private static final int PER_ROUND = 200;

    private NvidiaGpuAppraisalRatio() {
    }

    public static void main(String[] args) throws Exception {
        NvidiaGpuAppraisalBenchmark benchmark = new NvidiaGpuAppraisalBenchmark();
        benchmark.setUp();
        for (int i = 0; i < WARM_UP; i++) {
            benchmark.gpuReport();
            benchmark.p384Verify();
        }
        long report = 0;
        long floor = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < PER_ROUND; i++) {
                benchmark.gpuReport();
            }
            long middle = System.nanoTime();
            for (int i = 0; i < PER_ROUND; i++) {
                benchmark.p384Verify();
            }
            report += middle - start;
            floor += System.nanoTime() - middle;
        }
        double each = ROUNDS * PER_ROUND * 1_000.0;
        System.out.printf(Locale.ROOT,
                "GPU report appraisal %.1f us, P-384 verify %.1f us: %.2f P-384 verifies per report%n",
                report / each, floor / each, (double) report / floor);
    }
}
