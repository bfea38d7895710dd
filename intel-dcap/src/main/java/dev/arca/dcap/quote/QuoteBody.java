package dev.arca.dcap.quote;

/** What a quote attests: a TD report (TDX 1.0 or 1.5) or an SGX enclave report. */
public sealed interface QuoteBody permits TdReport, SgxEnclaveReport {

    /** The 64-byte REPORTDATA the TEE bound into the report. */
    byte[] reportData();
}
