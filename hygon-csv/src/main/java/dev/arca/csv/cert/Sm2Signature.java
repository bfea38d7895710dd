package dev.arca.csv.cert;

import dev.arca.csv.CsvVerificationException;
import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.SM2Signer;

/**
 * An SM2 signature as Hygon's structures hold it (csv-rs {@code ecdsa::Signature}, 144 bytes): r and s, each 72 bytes
 * little-endian. Verification is GB/T 32918.2 SM2 with SM3 and the signer's user id (its certificate's
 * {@code user_id[..uid_size]}, e.g. {@code HYGON-SSD-PEK}) in Z_A, by Bouncy Castle's {@link SM2Signer}.
 */
public record Sm2Signature(BigInteger r, BigInteger s) {

    /** Encoded size in Hygon's structures. */
    public static final int SIZE = 144;
    private static final int FIELD = 72;

    public static Sm2Signature read(byte[] bytes, int offset, String what) throws CsvVerificationException {
        LittleEndian.require(bytes, offset, SIZE, what + " signature");
        return new Sm2Signature(new BigInteger(1, LittleEndian.reversed(bytes, offset, FIELD)),
                new BigInteger(1, LittleEndian.reversed(bytes, offset + FIELD, FIELD)));
    }

    /**
     * Whether this is {@code key}'s signature over {@code message} with the signer's user id. Values outside
     * [1, n−1] never verify.
     */
    public boolean verifies(Sm2PublicKey key, byte[] userId, byte[] message) {
        BigInteger n = Sm2PublicKey.DOMAIN.getN();
        if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(n) >= 0 || s.compareTo(n) >= 0) {
            return false;
        }
        SM2Signer signer = new SM2Signer(new SM3Digest());
        signer.init(false, new ParametersWithID(key.parameters(), userId));
        signer.update(message, 0, message.length);
        try {
            return signer.verifySignature(new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)})
                    .getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of two integers failed", e);
        }
    }

    /** The 144-byte encoding (for test PKIs that sign certificates and reports). */
    public byte[] encode() {
        byte[] out = new byte[SIZE];
        put(out, 0, r);
        put(out, FIELD, s);
        return out;
    }

    private static void put(byte[] out, int offset, BigInteger value) {
        byte[] big = value.toByteArray();
        for (int i = 0; i < big.length && i < FIELD; i++) {
            out[offset + i] = big[big.length - 1 - i];
        }
    }
}
