package dev.arca.bench;

/**
 * {@link SnpAppraisalBenchmark}'s two measurements interleaved in one JVM — rounds of appraisals, then as many floor
 * verifies — so that on a shared, loaded machine both see the same load and their ratio is meaningful even when JMH's
 * sequential runs are not.
 *
 * <p>{@code ARCA_VECTORS=/path/to/vectors java -cp benchmarks/target/benchmarks.jar dev.arca.bench.SnpAppraisalRatio}
 */
public final class SnpAppraisalRatio {

    private SnpAppraisalRatio() {
    }

    public static void main(String[] args) throws Exception {
        SnpAppraisalBenchmark benchmark = new SnpAppraisalBenchmark();
        benchmark.setUp();
        InterleavedRatio.measure("SNP appraisal", benchmark::snpReport, benchmark::p384Verify);
    }
}
