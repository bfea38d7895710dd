package dev.arca.dcap.quote;

import java.util.Arrays;

/**
 * The 584-byte TDX 1.0 TD Quote Body. Offsets (TDX QGL/QVL API spec Appendix A): tee_tcb_svn 0, mr_seam 16,
 * mrsigner_seam 64, seam_attributes 112, td_attributes 120, xfam 128, mr_td 136, mr_config_id 184, mr_owner 232,
 * mr_owner_config 280, rtmr0..3 at 328/376/424/472, report_data 520.
 */
public record TdReport10(byte[] raw) implements TdReport {

    public static final int SIZE = 584;

    public TdReport10 {
        if (raw.length < SIZE) {
            throw new IllegalArgumentException("TD report 1.0 needs " + SIZE + " bytes");
        }
    }

    static TdReport10 parse(ByteReader reader) throws QuoteFormatException {
        return new TdReport10(reader.bytes(SIZE, "TD report 1.0 body"));
    }

    private byte[] field(int offset, int length) {
        return Arrays.copyOfRange(raw, offset, offset + length);
    }

    @Override
    public byte[] teeTcbSvn() {
        return field(0, 16);
    }

    @Override
    public byte[] mrSeam() {
        return field(16, 48);
    }

    @Override
    public byte[] mrSignerSeam() {
        return field(64, 48);
    }

    @Override
    public byte[] seamAttributes() {
        return field(112, 8);
    }

    @Override
    public byte[] tdAttributes() {
        return field(120, 8);
    }

    @Override
    public byte[] xfam() {
        return field(128, 8);
    }

    @Override
    public byte[] mrTd() {
        return field(136, 48);
    }

    @Override
    public byte[] mrConfigId() {
        return field(184, 48);
    }

    @Override
    public byte[] mrOwner() {
        return field(232, 48);
    }

    @Override
    public byte[] mrOwnerConfig() {
        return field(280, 48);
    }

    @Override
    public byte[] rtmr(int index) {
        if (index < 0 || index > 3) {
            throw new IllegalArgumentException("RTMR index " + index);
        }
        return field(328 + 48 * index, 48);
    }

    @Override
    public byte[] reportData() {
        return field(520, 64);
    }
}
