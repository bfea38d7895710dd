package dev.arca.bench;

import dev.arca.nvidia.GpuReportVerifier;
import dev.arca.nvidia.VerifiedGpuReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
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
 * A real H100 report appraised end to end by nvidia-gpu (SPDM parse, the device chain validated by PKIX to the pinned
 * NVIDIA Device Identity CA — four ECDSA P-384 verifications, the leaf FWID, the raw ECDSA P-384 report signature,
 * the nonce) — next to its floor in the same run, one ECDSA P-384 verify with Bouncy Castle over as many bytes.
 * {@code gpuReport} is the steady state (the device's chain validated once and remembered, as the AS runs);
 * {@code gpuReportColdChain} validates the chain every time. The report and chain are Trustee's (MANIFEST §10), read
 * from the real-evidence corpus (not part of the repository: {@code ARCA_VECTORS}, or {@code -Darca.vectors}, else
 * {@code ../shared/vectors}).
 *
 * <p>{@code ARCA_VECTORS=/path/to/vectors java -jar benchmarks/target/benchmarks.jar NvidiaGpuAppraisal -t 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Darca.vectors=../shared/vectors")
public class NvidiaGpuAppraisalBenchmark {

    private static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");
    private static final byte[] NONCE =
            HexFormat.of().parseHex("931d8dd0add203ac3d8b4fbde75e115278eefcdceac5b87671a748f32364dfcb");

    private final GpuReportVerifier verifier = GpuReportVerifier.trustingNvidia();
    private byte[] report;
    private byte[] chain;
    private byte[] message;
    private KeyPair p384;
    private byte[] p384Signature;
    private BouncyCastleProvider bc;

    @Setup
    public void setUp() throws Exception {
        Path vectors = Vectors.require("NvidiaGpuAppraisalBenchmark appraises a real H100 report");
        report = HexFormat.of().parseHex(
                Files.readString(vectors.resolve("nvidia/trustee_hopperAttestationReport.txt")).strip());
        chain = Files.readAllBytes(vectors.resolve("nvidia/trustee_hopper_cert_chain_case1.txt"));
        gpuReport();

        bc = new BouncyCastleProvider();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", bc);
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        p384 = generator.generateKeyPair();
        message = Arrays.copyOf(report, report.length - 96);
        Signature signer = Signature.getInstance("SHA384withPLAIN-ECDSA", bc);
        signer.initSign(p384.getPrivate());
        signer.update(message);
        p384Signature = signer.sign();
    }

    @Benchmark
    public VerifiedGpuReport gpuReport() throws Exception {
        return verifier.verify(report, chain, NONCE, AT);
    }

    @Benchmark
    public VerifiedGpuReport gpuReportColdChain() throws Exception {
        return GpuReportVerifier.trustingNvidia().verify(report, chain, NONCE, AT);
    }

    /** The floor: one raw ECDSA P-384 / SHA-384 verify of as many bytes as the report signs (Bouncy Castle). */
    @Benchmark
    public boolean p384Verify() throws Exception {
        Signature signature = Signature.getInstance("SHA384withPLAIN-ECDSA", bc);
        signature.initVerify(p384.getPublic());
        signature.update(message);
        return signature.verify(p384Signature);
    }
}
