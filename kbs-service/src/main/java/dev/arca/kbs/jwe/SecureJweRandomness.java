package dev.arca.kbs.jwe;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import com.nimbusds.jose.jwk.Curve;

/** Fresh key material for every JWE, from the JDK's CSPRNG; EC key generation by Bouncy Castle. */
final class SecureJweRandomness implements JweRandomness {

    private final SecureRandom random = new SecureRandom();

    @Override
    public KeyPair ephemeralKey(ECParameterSpec curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", JweEncrypter.BC);
            // by the curve's name: given the parameters themselves, Bouncy Castle rebuilds the base point and its
            // precomputation for every key, which tripled the cost of a key (docs/performance.md)
            Curve named = Curve.forECParameterSpec(curve);
            if (named == null) {
                throw new IllegalArgumentException("not a named curve");
            }
            generator.initialize(new ECGenParameterSpec(named.getStdName()), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an ephemeral EC key", e);
        }
    }

    @Override
    public byte[] contentKey() {
        return bytes(32);
    }

    @Override
    public byte[] iv() {
        return bytes(12);
    }

    private byte[] bytes(int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }
}
