package dev.arca.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor every appraisal stands on: one ECDSA P-256 verify (a TDX quote needs about two, an EAR token one),
 * with the JDK's provider and with Bouncy Castle, measured in the same run as the verifiers it bounds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SignatureFloorBenchmark {

    @Param({"SunEC", "BC"})
    public String provider;

    private final byte[] message = "a TD quote header and body stand here".getBytes(StandardCharsets.UTF_8);
    private KeyPair keyPair;
    private byte[] signature;
    private java.security.Provider jca;

    @Setup
    public void setUp() throws Exception {
        jca = "BC".equals(provider) ? new BouncyCastleProvider() : java.security.Security.getProvider("SunEC");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", jca);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        keyPair = generator.generateKeyPair();
        Signature signer = Signature.getInstance("SHA256withECDSA", jca);
        signer.initSign(keyPair.getPrivate());
        signer.update(message);
        signature = signer.sign();
    }

    @Benchmark
    public boolean p256Verify() throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSA", jca);
        verifier.initVerify(keyPair.getPublic());
        verifier.update(message);
        return verifier.verify(signature);
    }
}
