package dev.arca.dcap.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A key decoded once and reused: Bouncy Castle switches a point used several times to precomputed fixed-point
 * tables, so verification must stay exact well past that switch. Test-only keys generated here.
 */
class P256PublicKeyTest {

    private static KeyPair keyPair;
    private static byte[] point;

    @BeforeAll
    static void key() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", EcdsaP256.PROVIDER);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        keyPair = generator.generateKeyPair();
        point = SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded()).getPublicKeyData().getBytes();
    }

    /** Raw r‖s, as Intel encodes quote signatures. */
    private static byte[] sign(byte[] message) throws Exception {
        Signature signer = Signature.getInstance("SHA256withPLAIN-ECDSA", EcdsaP256.PROVIDER);
        signer.initSign(keyPair.getPrivate());
        signer.update(message);
        return signer.sign();
    }

    @Test
    void aReusedKeyVerifiesExactlyBeforeAndAfterPrecomputation() throws Exception {
        P256PublicKey key = P256PublicKey.decode(point);
        for (int i = 0; i < 20; i++) {
            byte[] message = ("quote " + i).getBytes(StandardCharsets.UTF_8);
            byte[] signature = sign(message);
            assertThat(key.verify(message, signature)).as("use %d", i).isTrue();
            byte[] flipped = signature.clone();
            flipped[i % 64] ^= 1;
            assertThat(key.verify(message, flipped)).as("flipped signature, use %d", i).isFalse();
            assertThat(key.verify(("other " + i).getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        }
        assertThat(key.verify(new byte[1], new byte[63])).isFalse();
    }

    @Test
    void rawAndUncompressedEncodingsAreTheSameKey() throws Exception {
        byte[] message = "m".getBytes(StandardCharsets.UTF_8);
        byte[] signature = sign(message);
        assertThat(P256PublicKey.decode(Arrays.copyOfRange(point, 1, 65)).verify(message, signature)).isTrue();
        assertThat(P256PublicKey.decode(point).verify(message, signature)).isTrue();
        assertThat(EcdsaP256.verify(point, message, signature)).isTrue();
    }

    @Test
    void bytesThatAreNotAP256PointAreRefused() {
        byte[] offCurve = point.clone();
        offCurve[64] ^= 1;
        assertThatThrownBy(() -> P256PublicKey.decode(offCurve)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> P256PublicKey.decode(Arrays.copyOf(point, 33)))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] wrongPrefix = point.clone();
        wrongPrefix[0] = 0x05;
        assertThatThrownBy(() -> P256PublicKey.decode(wrongPrefix)).isInstanceOf(IllegalArgumentException.class);
        assertThat(EcdsaP256.verify(offCurve, new byte[1], new byte[64])).isFalse();
    }
}
