package dev.arca.csv.cert;

import dev.arca.csv.CsvVerificationException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * An SM2 public key as Hygon's structures hold it (csv-rs {@code ecc::PubKey}, 148 bytes): curve id u32 (3 = SM2-256),
 * then x and y, each 72 bytes little-endian of which the first 32 are the coordinate. The point is validated on the
 * curve when the key is read.
 *
 * <p>The Bouncy Castle point is made once per key: it keeps the precomputation of its multiples, so a key verified
 * again (a remembered PEK or CEK) verifies faster.
 */
public final class Sm2PublicKey {

    /** Encoded size in Hygon's structures. */
    public static final int SIZE = 148;
    /** The curve id of SM2-256 (csv-rs {@code Group::SM2_256}). */
    public static final int SM2_256 = 3;
    static final int COORDINATE_FIELD = 72;
    static final int COORDINATE_SIZE = 32;

    private static final X9ECParameters CURVE = GMNamedCurves.getByName("sm2p256v1");
    static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE);

    private final byte[] x;
    private final byte[] y;
    private final ECPublicKeyParameters parameters;

    /**
     * @param x the x coordinate (32 bytes, big-endian)
     * @param y the y coordinate (32 bytes, big-endian)
     * @throws IllegalArgumentException when (x, y) is not a point of SM2-256
     */
    public Sm2PublicKey(byte[] x, byte[] y) {
        this.x = x.clone();
        this.y = y.clone();
        ECPoint point = CURVE.getCurve().validatePoint(new BigInteger(1, x), new BigInteger(1, y));
        if (point.isInfinity()) {
            throw new IllegalArgumentException("the point at infinity is not a key");
        }
        this.parameters = new ECPublicKeyParameters(point, DOMAIN);
    }

    /** Reads the 148-byte key at {@code offset}. */
    public static Sm2PublicKey read(byte[] bytes, int offset, String what) throws CsvVerificationException {
        LittleEndian.require(bytes, offset, SIZE, what + " public key");
        long curve = LittleEndian.u32(bytes, offset);
        if (curve != SM2_256) {
            throw CsvVerificationException.format(what + " public key is on curve " + curve + ", not SM2-256 (3)");
        }
        byte[] x = LittleEndian.reversed(bytes, offset + 4, COORDINATE_SIZE);
        byte[] y = LittleEndian.reversed(bytes, offset + 4 + COORDINATE_FIELD, COORDINATE_SIZE);
        try {
            return new Sm2PublicKey(x, y);
        } catch (IllegalArgumentException e) {
            throw CsvVerificationException.format(what + " public key is not a point on SM2-256");
        }
    }

    /** The key as Bouncy Castle parameters. */
    public ECPublicKeyParameters parameters() {
        return parameters;
    }

    public byte[] x() {
        return x.clone();
    }

    public byte[] y() {
        return y.clone();
    }

    /** The 148-byte encoding (for test PKIs that build certificates). */
    public byte[] encode() {
        byte[] out = new byte[SIZE];
        LittleEndian.putU32(out, 0, SM2_256);
        System.arraycopy(LittleEndian.reversed(x, 0, COORDINATE_SIZE), 0, out, 4, COORDINATE_SIZE);
        System.arraycopy(LittleEndian.reversed(y, 0, COORDINATE_SIZE), 0, out, 4 + COORDINATE_FIELD, COORDINATE_SIZE);
        return out;
    }

    /** From a Bouncy Castle point (test PKIs). */
    public static Sm2PublicKey of(ECPoint point) {
        ECPoint normal = point.normalize();
        return new Sm2PublicKey(normal.getAffineXCoord().getEncoded(), normal.getAffineYCoord().getEncoded());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sm2PublicKey key && Arrays.equals(x, key.x) && Arrays.equals(y, key.y);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(x) + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "Sm2PublicKey[x=" + dev.arca.model.json.Hex.of(x) + "]";
    }
}
