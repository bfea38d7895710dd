package dev.arca.dcap.quote;

import java.util.Arrays;

/**
 * The 648-byte TDX 1.5 TD Quote Body: the 1.0 body followed by tee_tcb_svn2[16] @584 and mr_servicetd[48] @600
 * (TDX QGL/QVL API spec Appendix A: the 1.5 body appends tee_tcb_svn2[16] and mr_servicetd[48]).
 */
public record TdReport15(byte[] raw) implements TdReport {

    public static final int SIZE = 648;

    public TdReport15 {
        if (raw.length < SIZE) {
            throw new IllegalArgumentException("TD report 1.5 needs " + SIZE + " bytes");
        }
    }

    static TdReport15 parse(ByteReader reader) throws QuoteFormatException {
        return new TdReport15(reader.bytes(SIZE, "TD report 1.5 body"));
    }

    private TdReport10 base() {
        return new TdReport10(raw);
    }

    public byte[] teeTcbSvn2() {
        return Arrays.copyOfRange(raw, 584, 600);
    }

    public byte[] mrServiceTd() {
        return Arrays.copyOfRange(raw, 600, 648);
    }

    @Override
    public byte[] teeTcbSvn() {
        return base().teeTcbSvn();
    }

    @Override
    public byte[] mrSeam() {
        return base().mrSeam();
    }

    @Override
    public byte[] mrSignerSeam() {
        return base().mrSignerSeam();
    }

    @Override
    public byte[] seamAttributes() {
        return base().seamAttributes();
    }

    @Override
    public byte[] tdAttributes() {
        return base().tdAttributes();
    }

    @Override
    public byte[] xfam() {
        return base().xfam();
    }

    @Override
    public byte[] mrTd() {
        return base().mrTd();
    }

    @Override
    public byte[] mrConfigId() {
        return base().mrConfigId();
    }

    @Override
    public byte[] mrOwner() {
        return base().mrOwner();
    }

    @Override
    public byte[] mrOwnerConfig() {
        return base().mrOwnerConfig();
    }

    @Override
    public byte[] rtmr(int index) {
        return base().rtmr(index);
    }

    @Override
    public byte[] reportData() {
        return base().reportData();
    }
}
