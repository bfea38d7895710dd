package dev.arca.bench;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import dev.arca.agent.kbs.ResourceDecryptor;
import dev.arca.agent.kbs.TeeKeyAlgorithm;
import dev.arca.agent.kbs.TeeKeyPair;
import dev.arca.model.kbs.JweResponse;
import dev.arca.model.keys.BouncyCastleKeys;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;

/**
 * The guest's own crypto of one flow — a new P-256 TEE key with its {@code tee-pubkey} JWK, and the resource JWE
 * (ECDH-ES+A256KW, A256GCM) decrypted with it — as the agent's {@link TeeKeyPair} and {@link ResourceDecryptor} do
 * it, against the same two operations with the JDK's EC provider (what the agent did before issue 14's third round).
 * Both in one JVM, in alternating rounds, timed in CPU time of this thread (the KBS's encryption in between is not
 * counted), so that other work on the machine does not distort the ratio.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.arca.bench.GuestCryptoCost</pre>
 */
public final class GuestCryptoCost {

    private static final int WARM_UP = 3_000;
    private static final int ROUNDS = 20;
    private static final int PER_ROUND = 200;
    private static final byte[] SECRET = "the resource, 32 bytes of secret".getBytes(StandardCharsets.UTF_8);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private GuestCryptoCost() {
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            agent();
            jdk();
        }
        long agent = 0;
        long jdk = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < PER_ROUND; i++) {
                agent += agent();
            }
            for (int i = 0; i < PER_ROUND; i++) {
                jdk += jdk();
            }
        }
        double each = ROUNDS * PER_ROUND * 1_000.0;
        System.out.printf(Locale.ROOT, "guest crypto per flow (CPU): agent %.1f us, JDK EC provider %.1f us (%.2fx)%n",
                agent / each, jdk / each, (double) jdk / agent);
    }

    /** The agent's way: its TEE key, its JWK, its decryptor; returns the guest's CPU nanoseconds. */
    private static long agent() throws Exception {
        long start = THREADS.getCurrentThreadCpuTime();
        TeeKeyPair key = TeeKeyPair.generate(TeeKeyAlgorithm.P256);
        key.publicJwk();
        long keyMade = THREADS.getCurrentThreadCpuTime();
        JweResponse jwe = encrypt((ECPublicKey) key.publicKey());
        long decrypting = THREADS.getCurrentThreadCpuTime();
        if (new ResourceDecryptor(key).decrypt(jwe).length != SECRET.length) {
            throw new IllegalStateException("decrypted the wrong length");
        }
        return keyMade - start + THREADS.getCurrentThreadCpuTime() - decrypting;
    }

    /** The same with the JDK's EC provider for the key and Nimbus's default for the agreement. */
    private static long jdk() throws Exception {
        long start = THREADS.getCurrentThreadCpuTime();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        TeeKeyPair.of(TeeKeyAlgorithm.P256, pair).publicJwk();
        long keyMade = THREADS.getCurrentThreadCpuTime();
        JweResponse jwe = encrypt((ECPublicKey) pair.getPublic());
        long decrypting = THREADS.getCurrentThreadCpuTime();
        JWEObject object = JWEObject.parse(String.join(".", jwe.protectedHeader(), jwe.encryptedKey(), jwe.iv(),
                jwe.ciphertext(), jwe.tag()));
        object.decrypt(new ECDHDecrypter((ECPrivateKey) pair.getPrivate()));
        if (object.getPayload().toBytes().length != SECRET.length) {
            throw new IllegalStateException("decrypted the wrong length");
        }
        return keyMade - start + THREADS.getCurrentThreadCpuTime() - decrypting;
    }

    /** A resource JWE to {@code key}, as the KBS makes it; not counted (it is the KBS's CPU, not the guest's). */
    private static JweResponse encrypt(ECPublicKey key) throws Exception {
        JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.ECDH_ES_A256KW, EncryptionMethod.A256GCM),
                new Payload(SECRET));
        ECDHEncrypter encrypter = new ECDHEncrypter(key);
        encrypter.getJCAContext().setKeyEncryptionProvider(BouncyCastleKeys.PROVIDER);
        jwe.encrypt(encrypter);
        String[] parts = jwe.serialize().split("\\.", -1);
        return new JweResponse(parts[0], parts[1], parts[2], parts[3], parts[4]);
    }
}
