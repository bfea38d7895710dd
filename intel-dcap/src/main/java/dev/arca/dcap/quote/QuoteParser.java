package dev.arca.dcap.quote;

/**
 * Reads SGX v3 and TDX v4/v5 ECDSA quotes by their declared lengths. Every length is checked against what is left;
 * inside the signature data every byte must be accounted for, but bytes after the declared signature data are
 * ignored, since real quotes carry zero padding or text there.
 *
 * <p>Layouts: Intel SGX ECDSA Quote Library API, "Quote Format"; TDX QGL/QVL API spec Appendix A.
 */
public final class QuoteParser {

    /** Certification data type 5: PCK leaf ‖ intermediate ‖ root, PEM. */
    static final int CERT_PCK_CHAIN = 5;
    /** Certification data type 6: QE report certification data (v4/v5 wrapper around QE report, auth data, type 5). */
    static final int CERT_QE_REPORT = 6;

    private QuoteParser() {
    }

    public static Quote parse(byte[] bytes) throws QuoteFormatException {
        if (bytes == null || bytes.length == 0) {
            throw new QuoteFormatException("quote is empty");
        }
        ByteReader reader = new ByteReader(bytes);
        QuoteHeader header = QuoteHeader.parse(reader);
        BodyDescriptor descriptor = null;
        QuoteBody body;
        switch (header.version()) {
            case 3 -> {
                requireTee(header, TeeType.SGX);
                body = SgxEnclaveReport.parse(reader, "SGX enclave report body");
            }
            case 4 -> {
                requireTee(header, TeeType.TDX);
                body = TdReport10.parse(reader);
            }
            case 5 -> {
                requireTee(header, TeeType.TDX);
                descriptor = new BodyDescriptor(reader.u16("body descriptor type"), reader.u32("body descriptor size"));
                body = parseV5Body(descriptor, reader);
            }
            default -> throw new QuoteFormatException("unsupported quote version " + header.version());
        }
        byte[] signed = reader.copyOf(0, reader.position());
        long signatureLength = reader.u32("signature data length");
        ByteReader signature = reader.slice(signatureLength, "signature data");
        QuoteSignatureData signatureData = header.version() == 3
                ? parseV3Signature(signature)
                : parseV4Signature(signature);
        requireConsumed(signature, "signature data");
        return new Quote(header, descriptor, body, signatureData, signed);
    }

    private static void requireTee(QuoteHeader header, TeeType expected) throws QuoteFormatException {
        if (header.teeType() != expected) {
            throw new QuoteFormatException("unsupported quote format: version " + header.version()
                    + " with tee_type " + header.teeType());
        }
    }

    /**
     * v5 body: type 2 = TDX 1.0 (584 B), type 3 = TDX 1.5 (648 B); the size must agree (TDX QGL/QVL API spec Appendix
     * A).
     */
    private static QuoteBody parseV5Body(BodyDescriptor descriptor, ByteReader reader) throws QuoteFormatException {
        return switch (descriptor.type()) {
            case BodyDescriptor.TD_REPORT_10 -> {
                requireSize(descriptor, TdReport10.SIZE);
                yield TdReport10.parse(reader);
            }
            case BodyDescriptor.TD_REPORT_15 -> {
                requireSize(descriptor, TdReport15.SIZE);
                yield TdReport15.parse(reader);
            }
            default -> throw new QuoteFormatException("unsupported v5 body type " + descriptor.type());
        };
    }

    private static void requireSize(BodyDescriptor descriptor, int size) throws QuoteFormatException {
        if (descriptor.size() != size) {
            throw new QuoteFormatException("v5 body type " + descriptor.type() + " declares size " + descriptor.size()
                    + ", expected " + size);
        }
    }

    /**
     * v3: ECDSA sig[64], attestation key[64], QE report[384], QE report sig[64], QE auth data (u16 + data), then the
     * certification data (type u16, size u32, data) directly — no type-6 wrapper (Trustee sgx verifier).
     */
    private static QuoteSignatureData parseV3Signature(ByteReader r) throws QuoteFormatException {
        byte[] quoteSignature = r.bytes(64, "quote signature");
        byte[] attestationKey = r.bytes(64, "attestation key");
        SgxEnclaveReport qeReport = SgxEnclaveReport.parse(r, "QE report");
        byte[] qeReportSignature = r.bytes(64, "QE report signature");
        byte[] authData = r.bytes(r.u16("QE auth data length"), "QE auth data");
        byte[] pem = pckChain(r);
        return new QuoteSignatureData(quoteSignature, attestationKey, qeReport, qeReportSignature, authData, pem);
    }

    /**
     * v4/v5: ECDSA sig[64], attestation key[64], then certification data of type 6 whose data is QE report[384],
     * QE report sig[64], QE auth data (u16 + data) and nested certification data of type 5 (TDX QGL/QVL API spec
     * Appendix A).
     */
    private static QuoteSignatureData parseV4Signature(ByteReader r) throws QuoteFormatException {
        byte[] quoteSignature = r.bytes(64, "quote signature");
        byte[] attestationKey = r.bytes(64, "attestation key");
        int type = r.u16("certification data type");
        if (type != CERT_QE_REPORT) {
            throw new QuoteFormatException("certification data type " + type + ", expected 6 (QE report)");
        }
        ByteReader qe = r.slice(r.u32("certification data size"), "QE report certification data");
        SgxEnclaveReport qeReport = SgxEnclaveReport.parse(qe, "QE report");
        byte[] qeReportSignature = qe.bytes(64, "QE report signature");
        byte[] authData = qe.bytes(qe.u16("QE auth data length"), "QE auth data");
        byte[] pem = pckChain(qe);
        requireConsumed(qe, "QE report certification data");
        return new QuoteSignatureData(quoteSignature, attestationKey, qeReport, qeReportSignature, authData, pem);
    }

    private static byte[] pckChain(ByteReader r) throws QuoteFormatException {
        int type = r.u16("PCK certification data type");
        if (type != CERT_PCK_CHAIN) {
            throw new QuoteFormatException("certification data type " + type + ", expected 5 (PCK chain)");
        }
        return r.bytes(r.u32("PCK certification data size"), "PCK certificate chain");
    }

    private static void requireConsumed(ByteReader r, String what) throws QuoteFormatException {
        if (r.remaining() != 0) {
            throw new QuoteFormatException(what + " size mismatch: " + r.remaining() + " bytes not accounted for");
        }
    }
}
