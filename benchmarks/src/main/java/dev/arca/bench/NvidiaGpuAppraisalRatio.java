package dev.arca.bench;

/**
 * {@link NvidiaGpuAppraisalBenchmark}'s steady-state appraisal and its floor interleaved in one JVM — rounds of
 * appraisals, then as many floor verifies — so that on a shared, loaded machine both see the same load and their
 * ratio is meaningful even when JMH's sequential runs are not.
 *
 * <p>{@code ARCA_VECTORS=/path/to/vectors java -cp benchmarks/target/benchmarks.jar
 * dev.arca.bench.NvidiaGpuAppraisalRatio}
 */
public final class NvidiaGpuAppraisalRatio {

    private NvidiaGpuAppraisalRatio() {
    }

    public static void main(String[] args) throws Exception {
        NvidiaGpuAppraisalBenchmark benchmark = new NvidiaGpuAppraisalBenchmark();
        benchmark.setUp();
        InterleavedRatio.measure("GPU report appraisal", benchmark::gpuReport, benchmark::p384Verify);
    }
}
