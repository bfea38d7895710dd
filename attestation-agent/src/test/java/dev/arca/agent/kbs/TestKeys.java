package dev.arca.agent.kbs;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;

/** Fixed keys of the independent test vectors ({@link Vectors}). */
public final class TestKeys {

    private TestKeys() {
    }

    /** P-256 with private scalar d = 1, so the public key is the generator G. */
    public static TeeKeyPair p256ScalarOne() throws Exception {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        KeyFactory factory = KeyFactory.getInstance("EC");
        return TeeKeyPair.of(TeeKeyAlgorithm.P256, new KeyPair(
                factory.generatePublic(new ECPublicKeySpec(spec.getGenerator(), spec)),
                factory.generatePrivate(new ECPrivateKeySpec(BigInteger.ONE, spec))));
    }
}
