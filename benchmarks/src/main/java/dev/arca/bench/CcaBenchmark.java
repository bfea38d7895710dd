package dev.arca.bench;

import dev.arca.cca.CcaTokenVerifier;
import dev.arca.cca.VerifiedCcaToken;
import dev.arca.cca.store.ReferenceValueStore;
import dev.arca.cca.store.TrustAnchorStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Optional;
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
 * The CCA spec example token verified end to end by arm-cca (CBOR decoding, the platform COSE_Sign1 by the CPAK, the
 * RAK decoded and the realm COSE_Sign1 by it, the RAK hash binding, reference values) next to its floor in the same
 * run: one ECDSA P-384 / SHA-384 verify with Bouncy Castle (a token holds two). The token and the stores come from the
 * real-evidence corpus (MANIFEST §8; not part of the repository: {@code ARCA_VECTORS}, or {@code -Darca.vectors}, else
 * {@code ../shared/vectors}).
 *
 * <p>{@code ARCA_VECTORS=/path/to/vectors java -jar benchmarks/target/benchmarks.jar CcaBenchmark -t 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Darca.vectors=../shared/vectors")
public class CcaBenchmark {

    private final byte[] message = new byte[1400];
    private CcaTokenVerifier verifier;
    private byte[] token;
    private KeyPair p384;
    private byte[] p384Signature;
    private BouncyCastleProvider bc;

    @Setup
    public void setUp() throws Exception {
        Path vectors = Vectors.require("CcaBenchmark verifies the CCA example token");
        token = Files.readAllBytes(vectors.resolve("cca/trustee_cca-example-token.cbor"));
        verifier = new CcaTokenVerifier(TrustAnchorStore.parse(Files.readString(vectors.resolve(
                "cca/trustee_tastore.json"))), ReferenceValueStore.parse(Files.readString(vectors.resolve(
                "cca/trustee_rvstore.json"))));
        ccaToken();

        bc = new BouncyCastleProvider();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", bc);
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        p384 = generator.generateKeyPair();
        System.arraycopy("a platform token's Sig_structure".getBytes(StandardCharsets.UTF_8), 0, message, 0, 32);
        Signature signer = Signature.getInstance("SHA384withECDSA", bc);
        signer.initSign(p384.getPrivate());
        signer.update(message);
        p384Signature = signer.sign();
    }

    @Benchmark
    public VerifiedCcaToken ccaToken() throws Exception {
        return verifier.verify(token, Optional.empty(), Optional.empty());
    }

    /** The floor: one ECDSA P-384 / SHA-384 verify of about a platform token's Sig_structure (Bouncy Castle). */
    @Benchmark
    public boolean p384Verify() throws Exception {
        Signature signature = Signature.getInstance("SHA384withECDSA", bc);
        signature.initVerify(p384.getPublic());
        signature.update(message);
        return signature.verify(p384Signature);
    }
}
