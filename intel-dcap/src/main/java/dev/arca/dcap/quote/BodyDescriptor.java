package dev.arca.dcap.quote;

/**
 * The v5 body descriptor after the header: type u16, size u32 (TDX QGL/QVL API spec Appendix A): 1 = SGX enclave
 * report, 2 = TD report TDX 1.0 (584 B), 3 = TD report TDX 1.5 (648 B).
 */
public record BodyDescriptor(int type, long size) {

    public static final int SGX_REPORT = 1;
    public static final int TD_REPORT_10 = 2;
    public static final int TD_REPORT_15 = 3;
}
