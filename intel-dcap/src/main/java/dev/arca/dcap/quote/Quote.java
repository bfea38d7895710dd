package dev.arca.dcap.quote;

import java.util.Optional;

/**
 * A parsed DCAP quote: SGX v3, TDX v4 (TDX 1.0 body) or TDX v5 (TDX 1.0 or 1.5 body behind a body descriptor).
 *
 * @param header      the 48-byte header
 * @param descriptor  the v5 body descriptor, {@code null} for v3/v4 (use {@link #bodyDescriptor()})
 * @param body        the TD report or enclave report
 * @param signatureData the signature data
 * @param signedBytes every byte before the signature-data length: header‖body (v3/v4), header‖type‖size‖body (v5) —
 *                    what the attestation key signs (TDX QGL/QVL API spec Appendix A)
 */
public record Quote(QuoteHeader header, BodyDescriptor descriptor, QuoteBody body, QuoteSignatureData signatureData,
        byte[] signedBytes) {

    public Optional<BodyDescriptor> bodyDescriptor() {
        return Optional.ofNullable(descriptor);
    }

    public TeeType teeType() {
        return header.teeType();
    }

    public int version() {
        return header.version();
    }

    /** The TD report of a TDX quote. */
    public Optional<TdReport> tdReport() {
        return body instanceof TdReport td ? Optional.of(td) : Optional.empty();
    }

    /** The enclave report of an SGX quote. */
    public Optional<SgxEnclaveReport> enclaveReport() {
        return body instanceof SgxEnclaveReport report ? Optional.of(report) : Optional.empty();
    }
}
