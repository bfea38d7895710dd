package dev.arca.dcap.quote;

/**
 * A TD Quote Body (TDX QGL/QVL API spec Appendix A).
 * TDX 1.5 appends tee_tcb_svn2 and mr_servicetd.
 */
public sealed interface TdReport extends QuoteBody permits TdReport10, TdReport15 {

    byte[] teeTcbSvn();

    byte[] mrSeam();

    byte[] mrSignerSeam();

    byte[] seamAttributes();

    byte[] tdAttributes();

    byte[] xfam();

    byte[] mrTd();

    byte[] mrConfigId();

    byte[] mrOwner();

    byte[] mrOwnerConfig();

    /** RTMR 0..3. */
    byte[] rtmr(int index);

    /** The whole body as it appears in the quote. */
    byte[] raw();

    /** The TD_ATTRIBUTES little-endian u64 (TDX Module ABI spec). */
    default long tdAttributesValue() {
        byte[] a = tdAttributes();
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = value << 8 | (a[i] & 0xFFL);
        }
        return value;
    }
}
