package dev.arca.csv.cert;

/**
 * The usage and algorithm numbers of Hygon's certificate structures (csv-rs {@code certs::Usage},
 * {@code certs::Algorithm}): which key of the chain a certificate holds, and which key a signature slot was made with.
 */
public final class KeyUsage {

    /** Hygon Root Key. */
    public static final int HRK = 0x0000;
    /** Hygon Signing Key. */
    public static final int HSK = 0x0013;
    /** Owner Certificate Authority. */
    public static final int OCA = 0x1001;
    /** Platform Endorsement Key: signs attestation reports. */
    public static final int PEK = 0x1002;
    /** Platform Diffie-Hellman key. */
    public static final int PDH = 0x1003;
    /** Chip Endorsement Key. */
    public static final int CEK = 0x1004;

    /** SM2 signature algorithm (SM2 with SM3). */
    public static final int SM2_SA = 0x0004;
    /** SM2 key exchange. */
    public static final int SM2_DH = 0x0005;

    private KeyUsage() {
    }

    /** A signature slot holds a signature when its usage names a key and its algorithm is SM2 (csv-rs is_empty). */
    static boolean isKeyUsage(int usage) {
        return usage == HRK || usage == HSK || usage == OCA || usage == PEK || usage == PDH || usage == CEK;
    }

    public static String name(int usage) {
        return switch (usage) {
            case HRK -> "HRK";
            case HSK -> "HSK";
            case OCA -> "OCA";
            case PEK -> "PEK";
            case PDH -> "PDH";
            case CEK -> "CEK";
            default -> "0x" + Integer.toHexString(usage);
        };
    }
}
