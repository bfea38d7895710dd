package dev.arca.csv.cert;

import dev.arca.csv.CsvVerificationException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A Hygon certificate-authority certificate, the HRK or an HSK (csv-rs {@code certs::ca::Certificate}, 832 bytes, all
 * integers little-endian):
 *
 * <pre>
 *   0  version u32          4  key id [16]        20  signer id [16]     36  usage u32     40  reserved [24]
 *  64  SM2 public key [148]                      212  uid_size u16      214  user_id [254]  468  reserved [108]
 * 576  SM2 signature [144]                       720  reserved [112]
 * </pre>
 *
 * The signature covers bytes 0–575 (the body). The issuer is named by key id: a certificate's signer id equals its
 * issuer's key id (the HRK signs itself).
 */
public final class HygonCaCertificate {

    public static final int SIZE = 832;
    static final int BODY_SIZE = 576;
    private static final int MAX_USER_ID = 254;

    private final byte[] encoded;
    private final byte[] keyId;
    private final byte[] signerId;
    private final int usage;
    private final Sm2PublicKey key;
    private final byte[] userId;
    private final Sm2Signature signature;

    private HygonCaCertificate(byte[] encoded, String what) throws CsvVerificationException {
        this.encoded = encoded;
        this.keyId = Arrays.copyOfRange(encoded, 4, 20);
        this.signerId = Arrays.copyOfRange(encoded, 20, 36);
        long usage = LittleEndian.u32(encoded, 36);
        this.usage = (int) usage;
        this.key = Sm2PublicKey.read(encoded, 64, what);
        int uidSize = LittleEndian.u16(encoded, 212);
        if (uidSize > MAX_USER_ID) {
            throw CsvVerificationException.format(what + " user id size " + uidSize + " exceeds " + MAX_USER_ID);
        }
        this.userId = Arrays.copyOfRange(encoded, 214, 214 + uidSize);
        this.signature = Sm2Signature.read(encoded, BODY_SIZE, what);
    }

    /**
     * Reads the 832-byte certificate at {@code offset}.
     *
     * @param what how the refusal names it: {@code the HRK}, {@code the HSK}
     */
    public static HygonCaCertificate read(byte[] bytes, int offset, String what) throws CsvVerificationException {
        LittleEndian.require(bytes, offset, SIZE, what);
        return new HygonCaCertificate(Arrays.copyOfRange(bytes, offset, offset + SIZE), what);
    }

    /** Reads a certificate that must be exactly 832 bytes (a file holding only the HRK). */
    public static HygonCaCertificate parse(byte[] bytes, String what) throws CsvVerificationException {
        if (bytes == null || bytes.length != SIZE) {
            throw CsvVerificationException.format(what + " must be " + SIZE + " bytes, not "
                    + (bytes == null ? 0 : bytes.length));
        }
        return read(bytes, 0, what);
    }

    /**
     * Whether this certificate's key signed {@code subject} (csv-rs {@code Verifiable for (&ca, &ca)}): the subject's
     * signer id is this key id, and the SM2 signature with this certificate's user id verifies over its body.
     */
    public boolean signed(HygonCaCertificate subject) {
        return Arrays.equals(subject.signerId, keyId)
                && subject.signature.verifies(key, userId, Arrays.copyOf(subject.encoded, BODY_SIZE));
    }

    /**
     * Whether this certificate's key signed {@code subject}, a CEK (csv-rs {@code Verifiable for (&ca, &csv)}): one of
     * its signature slots has this certificate's usage, is SM2 and verifies.
     */
    public boolean signed(CsvCertificate subject) {
        return subject.signedBy(usage, KeyUsage.SM2_SA, key, userId);
    }

    public byte[] sha256() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(encoded);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks SHA-256", e);
        }
    }

    public byte[] encoded() {
        return encoded.clone();
    }

    public int usage() {
        return usage;
    }

    public byte[] keyId() {
        return keyId.clone();
    }

    public byte[] signerId() {
        return signerId.clone();
    }

    public Sm2PublicKey key() {
        return key;
    }

    public byte[] userId() {
        return userId.clone();
    }
}
