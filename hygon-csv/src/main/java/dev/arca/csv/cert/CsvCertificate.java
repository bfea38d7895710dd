package dev.arca.csv.cert;

import dev.arca.csv.CsvVerificationException;
import java.util.Arrays;
import java.util.List;

/**
 * A Hygon platform certificate, the CEK or the PEK (csv-rs {@code certs::csv::Certificate}, 2084 bytes, the SEV
 * certificate layout with SM2, integers little-endian):
 *
 * <pre>
 *    0  version u32         4  firmware major u8, minor u8     6  reserved u16
 *    8  key usage u32      12  key algorithm u32              16  SM2 public key [148]
 *  164  uid_size u16      166  user_id [254]                 420  sid [16]        436  reserved [608]
 * 1044  signature slot 1  1564  signature slot 2, each: usage u32, algorithm u32, SM2 signature [144], reserved [368]
 * </pre>
 *
 * Both signatures cover bytes 0–1043 (the body). A slot is empty unless its usage names a key and its algorithm is
 * SM2 (csv-rs {@code Signatures::is_empty}); a PEK carries its CEK's signature and its owner's (OCA).
 */
public final class CsvCertificate {

    public static final int SIZE = 2084;
    static final int BODY_SIZE = 1044;
    private static final int SLOT_SIZE = 520;
    private static final int MAX_USER_ID = 254;

    /** One signature slot. */
    public record SignatureSlot(int usage, int algorithm, Sm2Signature signature) {

        boolean isEmpty() {
            return !KeyUsage.isKeyUsage(usage) || (algorithm != KeyUsage.SM2_SA && algorithm != KeyUsage.SM2_DH);
        }
    }

    private final byte[] encoded;
    private final int firmwareMajor;
    private final int firmwareMinor;
    private final int usage;
    private final int algorithm;
    private final Sm2PublicKey key;
    private final byte[] userId;
    private final List<SignatureSlot> slots;

    private CsvCertificate(byte[] encoded, String what) throws CsvVerificationException {
        this.encoded = encoded;
        this.firmwareMajor = encoded[4] & 0xFF;
        this.firmwareMinor = encoded[5] & 0xFF;
        this.usage = (int) LittleEndian.u32(encoded, 8);
        this.algorithm = (int) LittleEndian.u32(encoded, 12);
        this.key = Sm2PublicKey.read(encoded, 16, what);
        int uidSize = LittleEndian.u16(encoded, 164);
        if (uidSize > MAX_USER_ID) {
            throw CsvVerificationException.format(what + " user id size " + uidSize + " exceeds " + MAX_USER_ID);
        }
        this.userId = Arrays.copyOfRange(encoded, 166, 166 + uidSize);
        this.slots = List.of(slot(encoded, BODY_SIZE, what), slot(encoded, BODY_SIZE + SLOT_SIZE, what));
    }

    private static SignatureSlot slot(byte[] encoded, int offset, String what) throws CsvVerificationException {
        return new SignatureSlot((int) LittleEndian.u32(encoded, offset), (int) LittleEndian.u32(encoded, offset + 4),
                Sm2Signature.read(encoded, offset + 8, what));
    }

    /**
     * Reads the 2084-byte certificate at {@code offset}.
     *
     * @param what how the refusal names it: {@code the CEK}, {@code the PEK}
     */
    public static CsvCertificate read(byte[] bytes, int offset, String what) throws CsvVerificationException {
        LittleEndian.require(bytes, offset, SIZE, what);
        return new CsvCertificate(Arrays.copyOfRange(bytes, offset, offset + SIZE), what);
    }

    /** Reads a certificate that must be exactly 2084 bytes. */
    public static CsvCertificate parse(byte[] bytes, String what) throws CsvVerificationException {
        if (bytes == null || bytes.length != SIZE) {
            throw CsvVerificationException.format(what + " must be " + SIZE + " bytes, not "
                    + (bytes == null ? 0 : bytes.length));
        }
        return read(bytes, 0, what);
    }

    /**
     * Whether this certificate's key signed {@code subject} (csv-rs {@code Verifiable for (&csv, &csv)}): the CEK
     * signing the PEK.
     */
    public boolean signed(CsvCertificate subject) {
        return subject.signedBy(usage, algorithm, key, userId);
    }

    /** A non-empty slot made by a key of this usage and algorithm verifies over the body (csv-rs PublicKey::verify). */
    boolean signedBy(int signerUsage, int signerAlgorithm, Sm2PublicKey signerKey, byte[] signerUserId) {
        byte[] body = Arrays.copyOf(encoded, BODY_SIZE);
        for (SignatureSlot slot : slots) {
            if (!slot.isEmpty() && slot.usage() == signerUsage && slot.algorithm() == signerAlgorithm
                    && slot.signature().verifies(signerKey, signerUserId, body)) {
                return true;
            }
        }
        return false;
    }

    public byte[] encoded() {
        return encoded.clone();
    }

    public int usage() {
        return usage;
    }

    public int algorithm() {
        return algorithm;
    }

    public Sm2PublicKey key() {
        return key;
    }

    public byte[] userId() {
        return userId.clone();
    }

    public int firmwareMajor() {
        return firmwareMajor;
    }

    public int firmwareMinor() {
        return firmwareMinor;
    }

    public List<SignatureSlot> slots() {
        return slots;
    }
}
