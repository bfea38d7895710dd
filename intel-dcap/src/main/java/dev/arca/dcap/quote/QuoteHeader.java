package dev.arca.dcap.quote;

import java.util.Arrays;

/**
 * The 48-byte quote header (Intel SGX ECDSA Quote Library API, "Quote Format"; TDX QGL/QVL API spec Appendix A):
 * version u16 @0, att_key_type u16 @2, tee_type u32 @4, 4 bytes @8 (SGX v3: qe_svn u16, pce_svn u16; TDX: reserved),
 * qe_vendor_id[16] @12, user_data[20] @28. Arrays are owned by the record and must not be modified.
 */
public record QuoteHeader(int version, int attestationKeyType, TeeType teeType, byte[] reserved, byte[] qeVendorId,
        byte[] userData, byte[] raw) {

    public static final int SIZE = 48;

    /** ECDSA-256 with P-256, the only attestation key type (Trustee tdx verifier requires 2). */
    public static final int ECDSA_P256 = 2;

    /** Intel's Quoting Enclave vendor id, carried by every genuine quote. */
    public static final byte[] INTEL_QE_VENDOR_ID = {
        (byte) 0x93, (byte) 0x9a, 0x72, 0x33, (byte) 0xf7, (byte) 0x9c, 0x4c, (byte) 0xa9,
        (byte) 0x94, 0x0a, 0x0d, (byte) 0xb3, (byte) 0x95, 0x7f, 0x06, 0x07};

    static QuoteHeader parse(ByteReader reader) throws QuoteFormatException {
        int start = reader.position();
        int version = reader.u16("header.version");
        int attestationKeyType = reader.u16("header.att_key_type");
        long teeCode = reader.u32("header.tee_type");
        byte[] reserved = reader.bytes(4, "header.reserved");
        byte[] vendor = reader.bytes(16, "header.qe_vendor_id");
        byte[] userData = reader.bytes(20, "header.user_data");
        TeeType tee = TeeType.fromCode(teeCode).orElseThrow(
                () -> new QuoteFormatException("unsupported tee_type 0x" + Long.toHexString(teeCode)));
        if (attestationKeyType != ECDSA_P256) {
            throw new QuoteFormatException("unsupported attestation key type " + attestationKeyType
                    + " (only 2 = ECDSA P-256)");
        }
        if (!Arrays.equals(vendor, INTEL_QE_VENDOR_ID)) {
            throw new QuoteFormatException("QE vendor id is not Intel's");
        }
        return new QuoteHeader(version, attestationKeyType, tee, reserved, vendor, userData,
                reader.copyOf(start, reader.position()));
    }

    /** SGX v3 only: the QE SVN in reserved[0..2]. */
    public int qeSvn() {
        return (reserved[0] & 0xFF) | (reserved[1] & 0xFF) << 8;
    }

    /** SGX v3 only: the PCE SVN in reserved[2..4]. */
    public int pceSvn() {
        return (reserved[2] & 0xFF) | (reserved[3] & 0xFF) << 8;
    }
}
