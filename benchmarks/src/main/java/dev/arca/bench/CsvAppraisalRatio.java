package dev.arca.bench;

/**
 * {@link CsvAppraisalBenchmark}'s steady-state appraisal and its floor (one SM2/SM3 verify) interleaved in one JVM,
 * so that on a shared, loaded machine both see the same load and their ratio is meaningful even when JMH's sequential
 * runs are not.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.arca.bench.CsvAppraisalRatio}
 */
public final class CsvAppraisalRatio {

    private CsvAppraisalRatio() {
    }

    public static void main(String[] args) throws Exception {
        CsvAppraisalBenchmark benchmark = new CsvAppraisalBenchmark();
        benchmark.setUp();
        InterleavedRatio.measure("CSV evidence appraisal", "SM2 verify", "SM2 verifies", benchmark::csvEvidence,
                benchmark::sm2Verify);
    }
}
