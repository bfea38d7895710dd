package dev.arca.bench;

import dev.arca.dcap.CrlPolicy;
import dev.arca.dcap.DcapVerificationResult;
import dev.arca.dcap.DcapVerifier;
import dev.arca.dcap.collateral.CollateralSource;
import dev.arca.dcap.collateral.QuoteCollateralBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One TDX and one SGX quote appraised end to end (parse, attestation-key and QE signatures, QE report binding, PCK
 * chain, TCB level and QE identity matching, claims) with the collateral already verified and cached, as the AS
 * runs once a platform has been seen. Real quotes and collateral published by Phala Network's dcap-qvl project,
 * read from the real-evidence corpus (not part of the repository: {@code ARCA_VECTORS}, or {@code -Darca.vectors},
 * else {@code ../shared/vectors}), at an instant inside the collateral's validity. Run next to
 * {@link SignatureFloorBenchmark}: the target is about two P-256 verifies per quote.
 *
 * <p>{@code ARCA_VECTORS=/path/to/vectors java -jar benchmarks/target/benchmarks.jar DcapAppraisal -t 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Darca.vectors=../shared/vectors")
public class DcapAppraisalBenchmark {

    private static final Instant I1_AT = Instant.parse("2025-07-01T00:00:00Z");
    private static final Instant I2_AT = Instant.parse("2025-07-01T00:00:00Z");

    private DcapVerifier tdxVerifier;
    private DcapVerifier sgxVerifier;
    private byte[] tdxQuote;
    private byte[] sgxQuote;

    @Setup
    public void setUp() throws Exception {
        Path vectors = Vectors.require("DcapAppraisalBenchmark appraises real Intel quotes and collateral");
        tdxQuote = Files.readAllBytes(vectors.resolve("tdx/phala_tdx_quote"));
        sgxQuote = Files.readAllBytes(vectors.resolve("sgx/phala_sgx_quote"));
        tdxVerifier = DcapVerifier.forSource(CollateralSource.fixed(QuoteCollateralBundle.read(
                vectors.resolve("intel-collateral/phala_tdx_quote_collateral.json"))), CrlPolicy.REQUIRE);
        sgxVerifier = DcapVerifier.forSource(CollateralSource.fixed(QuoteCollateralBundle.read(
                vectors.resolve("intel-collateral/phala_sgx_quote_collateral.json"))), CrlPolicy.REQUIRE);
        // first appraisal verifies and caches the collateral; the benchmark measures the steady state
        tdxQuote();
        sgxQuote();
    }

    @Benchmark
    public DcapVerificationResult tdxQuote() throws Exception {
        return tdxVerifier.verifyTdx(tdxQuote, Optional.empty(), Optional.empty(), Optional.empty(), I2_AT);
    }

    @Benchmark
    public DcapVerificationResult sgxQuote() throws Exception {
        return sgxVerifier.verifySgx(sgxQuote, Optional.empty(), Optional.empty(), I1_AT);
    }
}
