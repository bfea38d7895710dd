package dev.arca.bench;

/**
 * {@link DcapAppraisalBenchmark#tdxQuote} (a real TDX quote appraised with cached collateral) interleaved in one JVM
 * with its floor, one Bouncy Castle P-256 verify ({@link SignatureFloorBenchmark}, provider BC): rounds of appraisals,
 * then as many verifies, so that on a shared, loaded machine both see the same load. A TDX appraisal holds two P-256
 * verifies (the quote by the attestation key, the QE report by the PCK leaf).
 *
 * <p>{@code ARCA_VECTORS=/path/to/vectors java -cp benchmarks/target/benchmarks.jar dev.arca.bench.DcapAppraisalRatio}
 */
public final class DcapAppraisalRatio {

    private DcapAppraisalRatio() {
    }

    public static void main(String[] args) throws Exception {
        DcapAppraisalBenchmark appraisal = new DcapAppraisalBenchmark();
        appraisal.setUp();
        SignatureFloorBenchmark floor = new SignatureFloorBenchmark();
        floor.provider = "BC";
        floor.setUp();
        InterleavedRatio.measure("TDX appraisal", "P-256 verify", "P-256 verifies", appraisal::tdxQuote,
                floor::p256Verify);
    }
}
