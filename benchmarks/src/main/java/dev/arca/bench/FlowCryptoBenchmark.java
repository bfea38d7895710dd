package dev.arca.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyAgreement;
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
 * The crypto a complete sample flow cannot avoid, with Bouncy Castle as the services use it: the AS signs one ES256
 * EAR token, the KBS verifies it, the AS verifies the KBS's caller token, and the KBS makes one ECDH-ES key agreement
 * (an ephemeral P-256 key and the agreement with the guest's key) for the resource JWE. The suite benchmark adds
 * {@code es256Sign + 2 × es256Verify + ecdhEs} to the no-op floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class FlowCryptoBenchmark {

    private final BouncyCastleProvider bc = new BouncyCastleProvider();
    private final byte[] message = "eyJhbGciOiJFUzI1NiJ9.an EAR token's claims stand here".getBytes(StandardCharsets.UTF_8);
    private KeyPair signing;
    private KeyPair guest;
    private byte[] signature;
    private KeyPairGenerator generator;

    @Setup
    public void setUp() throws Exception {
        generator = KeyPairGenerator.getInstance("EC", bc);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        signing = generator.generateKeyPair();
        guest = generator.generateKeyPair();
        signature = es256Sign();
    }

    @Benchmark
    public byte[] es256Sign() throws Exception {
        Signature signer = Signature.getInstance("SHA256withECDSA", bc);
        signer.initSign(signing.getPrivate());
        signer.update(message);
        return signer.sign();
    }

    @Benchmark
    public boolean es256Verify() throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSA", bc);
        verifier.initVerify(signing.getPublic());
        verifier.update(message);
        return verifier.verify(signature);
    }

    @Benchmark
    public byte[] ecdhEs() throws Exception {
        KeyPair ephemeral = generator.generateKeyPair();
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH", bc);
        agreement.init(ephemeral.getPrivate());
        agreement.doPhase(guest.getPublic(), true);
        return agreement.generateSecret();
    }
}
