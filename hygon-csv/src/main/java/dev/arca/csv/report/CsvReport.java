package dev.arca.csv.report;

import dev.arca.csv.CsvVerificationException;
import dev.arca.csv.cert.LittleEndian;
import dev.arca.csv.cert.Sm2Signature;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A CSV attestation report (csv-rs {@code AttestationReportWrapper} → {@code AttestationReport}): the 4096-byte page
 * the PSP fills, with the magic and flags that say which version it holds. An all-zero magic, or
 * {@code "ATTESTATION_EXT\0"} with flags 0, is a version-1 (legacy) report; {@code "ATTESTATION_EXT\0"} with flags 1 a
 * version-2 (extended) report; anything else is refused.
 *
 * <p>Tee info of version 1 (0x150 bytes): user_pubkey_digest [32] · vm_id [16] · vm_version [16] · report_data [64] ·
 * mnonce [16] · measure [32] · policy u32 · sig_usage u32 · sig_algo u32 · anonce u32 · signature [144]. The PSP
 * XOR-masks every field before anonce with anonce (its little-endian bytes, repeated) and signs the masked bytes
 * 0–179 (up to policy); the accessors here return the unmasked values, as csv-rs {@code TeeInfo} does.
 *
 * <p>Tee info of version 2 (0x490 bytes), unmasked: the same fields up to sig_algo, then build u32 · rtmr_version u16
 * · reserved0 [14] · rtmr0–4 [32 each] · reserved1 [656] · signature [144] over bytes 0–1023.
 *
 * <p>After the tee info comes the signer block (PEK certificate [2084], serial number [64], reserved [32], mac
 * [32]), which the guest's driver unmasks after checking its HMAC; the verifier uses the PEK of the evidence's
 * certificate chain, as upstream does, so the block is not read here.
 */
public final class CsvReport {

    /** Both report versions are padded to one page. */
    public static final int SIZE = 4096;
    public static final int REPORT_DATA_SIZE = 64;
    public static final int RTMR_SIZE = 32;
    private static final byte[] EXT_MAGIC = "ATTESTATION_EXT\0".getBytes(StandardCharsets.US_ASCII);
    private static final int MAGIC_SIZE = 16;
    private static final int V1_SIGNED = 180;
    private static final int V1_ANONCE = 188;
    private static final int V1_SIGNATURE = 192;
    private static final int V2_SIGNED = 1024;

    private final int version;
    private final byte[] page;
    private final long anonce;

    private CsvReport(int version, byte[] page) {
        this.version = version;
        this.page = page;
        this.anonce = version == 1 ? LittleEndian.u32(page, V1_ANONCE) : 0;
    }

    /**
     * @param magic the wrapper's 16-byte magic
     * @param flags the wrapper's flags
     * @param page  the 4096-byte report page
     * @throws CsvVerificationException {@link CsvVerificationException.Reason#FORMAT} for another size, magic or flags
     */
    public static CsvReport parse(byte[] magic, long flags, byte[] page) throws CsvVerificationException {
        if (magic == null || magic.length != MAGIC_SIZE) {
            throw CsvVerificationException.format("the report magic must be " + MAGIC_SIZE + " bytes");
        }
        if (page == null || page.length != SIZE) {
            throw CsvVerificationException.format("the report must be " + SIZE + " bytes, not "
                    + (page == null ? 0 : page.length));
        }
        int version;
        if (Arrays.equals(magic, new byte[MAGIC_SIZE])) {
            version = 1;
        } else if (Arrays.equals(magic, EXT_MAGIC) && flags == 0) {
            version = 1;
        } else if (Arrays.equals(magic, EXT_MAGIC) && flags == 1) {
            version = 2;
        } else {
            throw CsvVerificationException.format("unknown report magic and flags (" + flags + ")");
        }
        return new CsvReport(version, page.clone());
    }

    /** 1 (legacy) or 2 (extended). */
    public int version() {
        return version;
    }

    /** The bytes the PEK signed. */
    public byte[] signedBytes() {
        return Arrays.copyOf(page, version == 1 ? V1_SIGNED : V2_SIGNED);
    }

    public Sm2Signature signature() {
        try {
            return Sm2Signature.read(page, version == 1 ? V1_SIGNATURE : V2_SIGNED, "the report");
        } catch (CsvVerificationException e) {
            throw new IllegalStateException("the page holds the signature", e);
        }
    }

    /** The firmware's mask of a version-1 report (0 for version 2). */
    public long anonce() {
        return anonce;
    }

    public byte[] userPubkeyDigest() {
        return field(0, 32);
    }

    public byte[] vmId() {
        return field(32, 16);
    }

    public byte[] vmVersion() {
        return field(48, 16);
    }

    public byte[] reportData() {
        return field(64, REPORT_DATA_SIZE);
    }

    public byte[] mnonce() {
        return field(128, 16);
    }

    public byte[] measure() {
        return field(144, 32);
    }

    public GuestPolicy policy() {
        return new GuestPolicy(LittleEndian.u32(page, 176) ^ anonce);
    }

    public long sigUsage() {
        return LittleEndian.u32(page, 180) ^ anonce;
    }

    public long sigAlgo() {
        return LittleEndian.u32(page, 184) ^ anonce;
    }

    /** Version 2: the firmware build. */
    public long build() {
        return version == 2 ? LittleEndian.u32(page, 188) : 0;
    }

    /** Version 2: the RTMR version. */
    public int rtmrVersion() {
        return version == 2 ? LittleEndian.u16(page, 192) : 0;
    }

    public byte[] reserved0() {
        return version == 2 ? Arrays.copyOfRange(page, 194, 208) : new byte[14];
    }

    /** Version 2: RTMR 0–4 (rtmr0 is the launch measurement); zero for version 1. */
    public byte[] rtmr(int index) {
        if (index < 0 || index > 4) {
            throw new IllegalArgumentException("CSV has RTMR 0-4");
        }
        return version == 2 ? Arrays.copyOfRange(page, 208 + RTMR_SIZE * index, 240 + RTMR_SIZE * index)
                : new byte[RTMR_SIZE];
    }

    public byte[] reserved1() {
        return version == 2 ? Arrays.copyOfRange(page, 368, 1024) : new byte[656];
    }

    /** A field of the tee info, unmasked (csv-rs {@code TeeInfo::raw}: XOR with anonce's bytes, repeated). */
    private byte[] field(int offset, int length) {
        byte[] out = Arrays.copyOfRange(page, offset, offset + length);
        if (version == 1) {
            for (int i = 0; i < out.length; i++) {
                out[i] ^= (byte) (anonce >>> (8 * (i % 4)));
            }
        }
        return out;
    }
}
