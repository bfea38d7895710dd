package dev.arca.bench;

import dev.arca.snp.CertTableEntry;
import dev.arca.snp.SnpExpectations;
import dev.arca.snp.SnpVerificationException;
import dev.arca.snp.SnpVerificationResult;
import dev.arca.snp.SnpVerifier;
import dev.arca.snp.kds.KdsRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
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
 * A real SEV-SNP report appraised end to end by amd-snp (parse, the VCEK from the evidence, its chain to the pinned
 * ARK, validity and CRL state at the instant, chip id and TCB match, the ECDSA P-384 report signature, bindings) with
 * its certificates already verified and cached, as the AS runs once a chip has been seen — next to its floor in the
 * same run, one ECDSA P-384 verify with Bouncy Castle. The report and VCEK are virtee/sev's Milan sample, the ASK/ARK
 * Trustee's bundle, read from the real-evidence corpus (not part of the repository: {@code ARCA_VECTORS}, or
 * {@code -Darca.vectors}, else {@code ../shared/vectors}).
 *
 * <p>{@code ARCA_VECTORS=/path/to/vectors java -jar benchmarks/target/benchmarks.jar SnpAppraisal -t 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Darca.vectors=../shared/vectors")
public class SnpAppraisalBenchmark {

    /** Inside the validity of the VCEK (2023-04-03 to 2030-04-03) and of the Milan ASK/ARK. */
    private static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");

    private final byte[] message = new byte[0x2A0];
    private SnpVerifier verifier;
    private byte[] report;
    private List<CertTableEntry> certificates;
    private KeyPair p384;
    private byte[] p384Signature;
    private BouncyCastleProvider bc;

    @Setup
    public void setUp() throws Exception {
        Path vectors = Vectors.require("SnpAppraisalBenchmark appraises a real SNP report");
        report = HexFormat.of().parseHex(Files.readString(vectors.resolve("snp/virtee_report_milan.hex")).strip());
        certificates = List.of(new CertTableEntry(CertTableEntry.Type.VCEK,
                Files.readAllBytes(vectors.resolve("snp/virtee_vcek_milan.der"))));
        byte[] milanChain = Files.readAllBytes(vectors.resolve("amd-certs/trustee_milan_ask_ark_asvk.pem"));
        verifier = SnpVerifier.forSource(request -> {
            if (request instanceof KdsRequest.CertChain) {
                return milanChain;
            }
            throw new SnpVerificationException(SnpVerificationException.Reason.CERTIFICATES_UNAVAILABLE,
                    "not in the corpus: " + request.path());
        });
        // the first appraisal verifies and caches the VCEK and its chain; the benchmark measures the steady state
        snpReport();

        bc = new BouncyCastleProvider();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", bc);
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        p384 = generator.generateKeyPair();
        System.arraycopy("an SNP report's signed bytes".getBytes(StandardCharsets.UTF_8), 0, message, 0, 28);
        Signature signer = Signature.getInstance("SHA384withECDSA", bc);
        signer.initSign(p384.getPrivate());
        signer.update(message);
        p384Signature = signer.sign();
    }

    @Benchmark
    public SnpVerificationResult snpReport() throws Exception {
        return verifier.verify(report, certificates, SnpExpectations.none(), AT);
    }

    /** The floor: one ECDSA P-384 / SHA-384 verify of as many bytes as a report signs (Bouncy Castle). */
    @Benchmark
    public boolean p384Verify() throws Exception {
        Signature signature = Signature.getInstance("SHA384withECDSA", bc);
        signature.initVerify(p384.getPublic());
        signature.update(message);
        return signature.verify(p384Signature);
    }
}
