package dev.arca.dcap.trust;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.math.ec.ECPoint;

/**
 * ECDSA P-256 / SHA-256 verification with Bouncy Castle (the JDK's EC code is several times slower). Intel encodes
 * signatures as raw r‖s (64 bytes) and attestation keys as raw X‖Y (64 bytes); X.509 keys arrive as the uncompressed
 * point 0x04‖X‖Y.
 */
public final class EcdsaP256 {

    /** One shared provider instance for certificate and CRL signature checks; it is not registered globally. */
    public static final Provider PROVIDER = new BouncyCastleProvider();

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
    private static final MessageDigest SHA_256 = newDigest("SHA-256");
    private static final MessageDigest SHA_384 = newDigest("SHA-384");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE.getCurve(), CURVE.getG(),
            CURVE.getN(), CURVE.getH(), CURVE.getSeed());

    private EcdsaP256() {
    }

    /**
     * @param publicKey 64 bytes X‖Y or 65 bytes 0x04‖X‖Y
     * @param message   the signed bytes (hashed here with SHA-256)
     * @param signature 64 bytes r‖s
     * @return false for a wrong signature, a malformed signature, or a key that is not a point on P-256
     */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (signature == null || signature.length != 64) {
            return false;
        }
        ECPublicKeyParameters key;
        try {
            key = publicKey(publicKey);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return verify(key, message, signature);
    }

    /** Verification with a key decoded once; see {@link P256PublicKey}. */
    static boolean verify(ECPublicKeyParameters key, byte[] message, byte[] signature) {
        if (signature == null || signature.length != 64) {
            return false;
        }
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, key);
        BigInteger r = new BigInteger(1, signature, 0, 32);
        BigInteger s = new BigInteger(1, signature, 32, 32);
        return signer.verifySignature(sha256(message), r, s);
    }

    /**
     * Decodes and validates an uncompressed P-256 point (64 bytes X‖Y or 65 bytes 0x04‖X‖Y).
     *
     * @throws IllegalArgumentException when it is not a point on the curve
     */
    static ECPublicKeyParameters publicKey(byte[] key) {
        // ECPublicKeyParameters validates the point again against the domain (not infinity, on the curve)
        return new ECPublicKeyParameters(decodePoint(key), DOMAIN);
    }

    private static ECPoint decodePoint(byte[] key) {
        if (key == null) {
            throw new IllegalArgumentException("no key");
        }
        byte[] encoded;
        if (key.length == 64) {
            encoded = new byte[65];
            encoded[0] = 0x04;
            System.arraycopy(key, 0, encoded, 1, 64);
        } else if (key.length == 65 && key[0] == 0x04) {
            encoded = key;
        } else {
            throw new IllegalArgumentException("not an uncompressed P-256 point");
        }
        // decodePoint validates that the point lies on the curve
        ECPoint point = CURVE.getCurve().decodePoint(encoded);
        if (point.isInfinity() || !point.isValid()) {
            throw new IllegalArgumentException("invalid P-256 point");
        }
        return point;
    }

    public static byte[] sha256(byte[] data) {
        return digest(SHA_256, data);
    }

    public static byte[] sha384(byte[] data) {
        return digest(SHA_384, data);
    }

    /** Clones a prototype: several digests per quote, and a provider look-up each would cost more than the hashing. */
    private static byte[] digest(MessageDigest prototype, byte[] data) {
        try {
            return ((MessageDigest) prototype.clone()).digest(data);
        } catch (CloneNotSupportedException e) {
            return newDigest(prototype.getAlgorithm()).digest(data);
        }
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + algorithm, e);
        }
    }
}
