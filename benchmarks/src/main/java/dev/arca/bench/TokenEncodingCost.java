package dev.arca.bench;

import com.nimbusds.jose.util.Base64URL;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/**
 * Base64url encoding of an EAR token's payload the size of a TDX guest's (3,000 bytes of JSON: the parsed quote and its
 * supplemental claims) with the JDK's encoder, as {@code EarTokenBroker} does, against Nimbus's {@link Base64URL},
 * which {@code JWSObject} uses; in alternating rounds, in CPU time of this thread. Both must give the same text.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.arca.bench.TokenEncodingCost</pre>
 */
public final class TokenEncodingCost {

    private static final int ROUNDS = 6;
    private static final int PER_ROUND = 20_000;

    private TokenEncodingCost() {
    }

    public static void main(String[] args) {
        byte[] payload = new byte[3_000];
        new Random(1).nextBytes(payload);
        Base64.Encoder jdk = Base64.getUrlEncoder().withoutPadding();
        if (!jdk.encodeToString(payload).equals(Base64URL.encode(payload).toString())) {
            throw new IllegalStateException("the two encoders disagree");
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < PER_ROUND; i++) {
                sink += jdk.encode(payload).length;
            }
            long middle = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < PER_ROUND; i++) {
                sink += Base64URL.encode(payload).toString().length();
            }
            long end = threads.getCurrentThreadCpuTime();
            // the first round warms both up; it is printed all the same
            System.out.printf(Locale.ROOT, "round %d: JDK %.2f us, Nimbus %.2f us per 3,000-byte payload%n", round,
                    (middle - start) / 1e3 / PER_ROUND, (end - middle) / 1e3 / PER_ROUND);
        }
        if (sink == 42) {
            System.out.println(); // keeps the results alive for the JIT
        }
    }
}
