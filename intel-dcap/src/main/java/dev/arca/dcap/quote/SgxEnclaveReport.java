package dev.arca.dcap.quote;

import java.util.Arrays;

/**
 * The 384-byte SGX enclave report (SGX ECDSA Quote Library API, "Enclave Report"): cpusvn 0, miscselect 16,
 * reserved1 20, isv_ext_prod_id 32, attributes 48 (flags 48, xfrm 56), mrenclave 64, reserved2 96, mrsigner 128,
 * reserved3 160, config_id 192, isvprodid 256, isvsvn 258, config_svn 260, reserved4 262, isv_family_id 304,
 * report_data 320 (Intel SGX ECDSA Quote Library API). It is the body of an SGX quote and also the QE report
 * inside every quote's signature data.
 */
public record SgxEnclaveReport(byte[] raw) implements QuoteBody {

    public static final int SIZE = 384;

    public SgxEnclaveReport {
        if (raw.length != SIZE) {
            throw new IllegalArgumentException("an enclave report has " + SIZE + " bytes");
        }
    }

    static SgxEnclaveReport parse(ByteReader reader, String what) throws QuoteFormatException {
        return new SgxEnclaveReport(reader.bytes(SIZE, what));
    }

    private byte[] field(int offset, int length) {
        return Arrays.copyOfRange(raw, offset, offset + length);
    }

    private int u16(int offset) {
        return (raw[offset] & 0xFF) | (raw[offset + 1] & 0xFF) << 8;
    }

    public byte[] cpuSvn() {
        return field(0, 16);
    }

    public byte[] miscSelect() {
        return field(16, 4);
    }

    /** MISCSELECT as the little-endian u32 it is. */
    public long miscSelectValue() {
        return (raw[16] & 0xFFL) | (raw[17] & 0xFFL) << 8 | (raw[18] & 0xFFL) << 16 | (raw[19] & 0xFFL) << 24;
    }

    public byte[] reserved1() {
        return field(20, 12);
    }

    public byte[] isvExtProdId() {
        return field(32, 16);
    }

    /** The 16-byte ATTRIBUTES (flags ‖ xfrm). */
    public byte[] attributes() {
        return field(48, 16);
    }

    public byte[] attributesFlags() {
        return field(48, 8);
    }

    public byte[] attributesXfrm() {
        return field(56, 8);
    }

    public byte[] mrEnclave() {
        return field(64, 32);
    }

    public byte[] reserved2() {
        return field(96, 32);
    }

    public byte[] mrSigner() {
        return field(128, 32);
    }

    public byte[] reserved3() {
        return field(160, 32);
    }

    public byte[] configId() {
        return field(192, 64);
    }

    public int isvProdId() {
        return u16(256);
    }

    public byte[] isvProdIdBytes() {
        return field(256, 2);
    }

    public int isvSvn() {
        return u16(258);
    }

    public byte[] isvSvnBytes() {
        return field(258, 2);
    }

    public byte[] configSvn() {
        return field(260, 2);
    }

    public byte[] reserved4() {
        return field(262, 42);
    }

    public byte[] isvFamilyId() {
        return field(304, 16);
    }

    @Override
    public byte[] reportData() {
        return field(320, 64);
    }

    /** ATTRIBUTES.DEBUG (bit 1 of the flags). */
    public boolean debug() {
        return (raw[48] & 0x02) != 0;
    }
}
