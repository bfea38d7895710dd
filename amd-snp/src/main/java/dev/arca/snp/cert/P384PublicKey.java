package dev.arca.snp.cert;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A VCEK/VLEK public key on P-384, decoded and validated once so Bouncy Castle can keep its precomputed tables for it
 * (the JDK's EC code is several times slower, DESIGN "Crypto"). Verifies the report signature: ECDSA P-384 over
 * SHA-384, r and s little-endian in 72-byte fields (ABI spec, "Signature Format").
 */
public final class P384PublicKey {

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp384r1");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE.getCurve(), CURVE.getG(),
            CURVE.getN(), CURVE.getH(), CURVE.getSeed());
    private static final MessageDigest SHA_384 = newDigest();

    private final ECPublicKeyParameters key;

    private P384PublicKey(ECPublicKeyParameters key) {
        this.key = key;
    }

    /**
     * @throws IllegalArgumentException when the key is not an EC key on P-384
     */
    public static P384PublicKey of(PublicKey publicKey) {
        if (!(publicKey instanceof ECPublicKey ec) || !ec.getParams().getOrder().equals(CURVE.getN())
                || ec.getParams().getCurve().getField().getFieldSize() != 384) {
            throw new IllegalArgumentException("the key is not an ECDSA P-384 key");
        }
        ECPoint point;
        try {
            point = CURVE.getCurve().createPoint(ec.getW().getAffineX(), ec.getW().getAffineY());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the key is not a point on P-384");
        }
        if (point.isInfinity() || !point.isValid()) {
            throw new IllegalArgumentException("the key is not a point on P-384");
        }
        return new P384PublicKey(new ECPublicKeyParameters(point, DOMAIN));
    }

    /**
     * @param message   the signed bytes (hashed here with SHA-384)
     * @param rLittle   r, little-endian, zero-padded (72 bytes in a report)
     * @param sLittle   s, little-endian, zero-padded
     * @return false for a wrong or malformed signature
     */
    public boolean verify(byte[] message, byte[] rLittle, byte[] sLittle) {
        BigInteger r = littleEndian(rLittle);
        BigInteger s = littleEndian(sLittle);
        if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(DOMAIN.getN()) >= 0 || s.compareTo(DOMAIN.getN()) >= 0) {
            return false;
        }
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, key);
        return signer.verifySignature(sha384(message), r, s);
    }

    static BigInteger littleEndian(byte[] bytes) {
        byte[] big = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            big[i] = bytes[bytes.length - 1 - i];
        }
        return new BigInteger(1, big);
    }

    public static byte[] sha384(byte[] data) {
        try {
            return ((MessageDigest) SHA_384.clone()).digest(data);
        } catch (CloneNotSupportedException e) {
            return newDigest().digest(data);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-384");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks SHA-384", e);
        }
    }
}
