package dev.arca.dcap.testpki;

import dev.arca.dcap.quote.QuoteHeader;
import dev.arca.dcap.trust.EcdsaP256;
import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.util.BigIntegers;

/**
 * Builds DCAP ECDSA quotes field by field, signed as a platform signs them (Intel SGX ECDSA Quote Library API "Quote
 * Format"; Intel TDX DCAP Quoting Library API, Appendix A): the 48-byte header, the body (SGX enclave report, TD
 * report 1.0 or 1.5, with the v5 body descriptor), and the signature data: the quote signature by the attestation
 * key over header‖body, the attestation key, the QE report binding it (report_data = SHA-256(attestation key ‖ QE
 * auth data) ‖ 0³²) signed by the PCK leaf key, the QE auth data, and the PCK chain as certification data type 5 —
 * wrapped in type 6 for v4/v5.
 *
 * <p>Offsets of the body fields follow the layouts the parser documents ({@code TdReport10}, {@code TdReport15},
 * {@code SgxEnclaveReport}). Every setter returns the builder; {@link #build()} signs.
 */
public final class QuoteBuilder {

    public static final int HEADER = QuoteHeader.SIZE;
    // TD report 1.0 offsets
    public static final int TD_TEE_TCB_SVN = 0;
    public static final int TD_MR_SIGNER_SEAM = 64;
    public static final int TD_SEAM_ATTRIBUTES = 112;
    public static final int TD_ATTRIBUTES = 120;
    public static final int TD_XFAM = 128;
    public static final int TD_MR_TD = 136;
    public static final int TD_MR_CONFIG_ID = 184;
    public static final int TD_RTMR0 = 328;
    public static final int TD_REPORT_DATA = 520;
    public static final int TD_TEE_TCB_SVN2 = 584;
    // enclave report offsets (SGX body and QE report)
    public static final int SGX_CPU_SVN = 0;
    public static final int SGX_MISCSELECT = 16;
    public static final int SGX_ATTRIBUTES = 48;
    public static final int SGX_MR_ENCLAVE = 64;
    public static final int SGX_MR_SIGNER = 128;
    public static final int SGX_CONFIG_ID = 192;
    public static final int SGX_ISV_PROD_ID = 256;
    public static final int SGX_ISV_SVN = 258;
    public static final int SGX_REPORT_DATA = 320;

    private final int version;
    private final int v5BodyType;
    private final byte[] body;
    private final byte[] qeReport = new byte[384];
    private final IssuedPck pck;
    private KeyPair attestationKey = TestPki.keyPair();
    private byte[] qeAuthData = HexFormat.of().parseHex(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private byte[] qeReportDataOverride;
    private byte[] certificationPem;
    private int pceSvnInHeader = 13;

    private QuoteBuilder(int version, int v5BodyType, int bodySize, IssuedPck pck, int qeProdId) {
        this.version = version;
        this.v5BodyType = v5BodyType;
        this.body = new byte[bodySize];
        this.pck = pck;
        // the QE report matches QeIdentityJson's defaults: attributes 0x11 (INIT, MODE64BIT), MRSIGNER, ISVPRODID
        qeReport[SGX_ATTRIBUTES] = 0x11;
        put(qeReport, SGX_MR_SIGNER, HexFormat.of().parseHex(QeIdentityJson.QE_MRSIGNER));
        u16(qeReport, SGX_ISV_PROD_ID, qeProdId);
        u16(qeReport, SGX_ISV_SVN, 8);
    }

    /** A TDX v4 quote (TD report 1.0) whose TEE TCB SVN is 03 01 03…03 (module TDX_01, ISVSVN 3). */
    public static QuoteBuilder tdxV4(IssuedPck pck) {
        return new QuoteBuilder(4, 0, 584, pck, QeIdentityJson.QE_ISVPRODID_TDX).defaultTd();
    }

    /** A TDX v5 quote with a TD report 1.0 body (descriptor type 2). */
    public static QuoteBuilder tdxV5Td10(IssuedPck pck) {
        return new QuoteBuilder(5, 2, 584, pck, QeIdentityJson.QE_ISVPRODID_TDX).defaultTd();
    }

    /** A TDX v5 quote with a TD report 1.5 body (descriptor type 3); tee_tcb_svn2 equals tee_tcb_svn. */
    public static QuoteBuilder tdxV5Td15(IssuedPck pck) {
        QuoteBuilder builder = new QuoteBuilder(5, 3, 648, pck, QeIdentityJson.QE_ISVPRODID_TDX).defaultTd();
        return builder.teeTcbSvn2(builder.field(TD_TEE_TCB_SVN, 16));
    }

    /** An SGX v3 quote whose enclave's CPUSVN is the PCK's. */
    public static QuoteBuilder sgxV3(IssuedPck pck, PckProfile platform) {
        QuoteBuilder builder = new QuoteBuilder(3, 0, 384, pck, QeIdentityJson.QE_ISVPRODID_SGX);
        builder.pceSvnInHeader = platform.pceSvn();
        put(builder.body, SGX_CPU_SVN, platform.cpuSvn());
        builder.body[SGX_ATTRIBUTES] = 0x05; // INIT and MODE64BIT, not DEBUG (bit 1)
        put(builder.body, SGX_MR_ENCLAVE, filled(32, 0x33));
        put(builder.body, SGX_MR_SIGNER, filled(32, 0x81));
        u16(builder.body, SGX_ISV_PROD_ID, 1);
        u16(builder.body, SGX_ISV_SVN, 1);
        return builder;
    }

    private QuoteBuilder defaultTd() {
        byte[] svn = filled(16, 3);
        svn[1] = 1;
        put(body, TD_TEE_TCB_SVN, svn);
        put(body, TD_MR_SIGNER_SEAM, HexFormat.of().parseHex(TcbInfoJson.MODULE_MRSIGNER));
        body[TD_ATTRIBUTES + 3] = 0x10; // SEPT_VE_DISABLE, not DEBUG
        put(body, TD_XFAM, HexFormat.of().parseHex("e702060000000000"));
        put(body, TD_MR_TD, filled(48, 0x7d));
        return this;
    }

    public QuoteBuilder teeTcbSvn(byte[] svn) {
        return field(TD_TEE_TCB_SVN, svn, 16);
    }

    public QuoteBuilder teeTcbSvn2(byte[] svn) {
        return field(TD_TEE_TCB_SVN2, svn, 16);
    }

    public QuoteBuilder mrSignerSeam(byte[] value) {
        return field(TD_MR_SIGNER_SEAM, value, 48);
    }

    public QuoteBuilder mrTd(byte[] value) {
        return field(TD_MR_TD, value, 48);
    }

    /** TD_ATTRIBUTES bit 0 (DEBUG) set or cleared. */
    public QuoteBuilder debugTd(boolean debug) {
        body[TD_ATTRIBUTES] = (byte) (debug ? body[TD_ATTRIBUTES] | 1 : body[TD_ATTRIBUTES] & ~1);
        return this;
    }

    /** The SGX enclave's ATTRIBUTES.DEBUG (bit 1 of the flags). */
    public QuoteBuilder debugEnclave(boolean debug) {
        body[SGX_ATTRIBUTES] = (byte) (debug ? body[SGX_ATTRIBUTES] | 2 : body[SGX_ATTRIBUTES] & ~2);
        return this;
    }

    public QuoteBuilder mrConfigId(byte[] value) {
        return field(TD_MR_CONFIG_ID, value, 48);
    }

    public QuoteBuilder rtmr(int index, byte[] value) {
        return field(TD_RTMR0 + 48 * index, value, 48);
    }

    /** report_data of the body (TD or enclave). */
    public QuoteBuilder reportData(byte[] value) {
        return field(version == 3 ? SGX_REPORT_DATA : TD_REPORT_DATA, value, 64);
    }

    /** SGX config_id (64 bytes). */
    public QuoteBuilder configId(byte[] value) {
        return field(SGX_CONFIG_ID, value, 64);
    }

    public QuoteBuilder mrEnclave(byte[] value) {
        return field(SGX_MR_ENCLAVE, value, 32);
    }

    public QuoteBuilder qeIsvSvn(int svn) {
        u16(qeReport, SGX_ISV_SVN, svn);
        return this;
    }

    public QuoteBuilder qeMrSigner(byte[] value) {
        put(qeReport, SGX_MR_SIGNER, value);
        return this;
    }

    public QuoteBuilder attestationKey(KeyPair key) {
        this.attestationKey = key;
        return this;
    }

    /** Replaces the QE report's report_data (normally the attestation key binding). */
    public QuoteBuilder qeReportData(byte[] value) {
        this.qeReportDataOverride = value.clone();
        return this;
    }

    /** Replaces the certification data (normally the PCK leaf's chain). */
    public QuoteBuilder certificationData(byte[] pem) {
        this.certificationPem = pem.clone();
        return this;
    }

    /** A copy of {@code length} bytes of the body at {@code offset}. */
    public byte[] field(int offset, int length) {
        return Arrays.copyOfRange(body, offset, offset + length);
    }

    /** Where the body starts in the built quote (after the header and, for v5, the 6-byte descriptor). */
    public int bodyOffset() {
        return HEADER + (version == 5 ? 6 : 0);
    }

    public int bodySize() {
        return body.length;
    }

    public byte[] build() {
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        byte[] header = new byte[HEADER];
        u16(header, 0, version);
        u16(header, 2, QuoteHeader.ECDSA_P256);
        u32(header, 4, version == 3 ? 0 : 0x81);
        if (version == 3) {
            u16(header, 8, qeSvn());
            u16(header, 10, pceSvnInHeader);
        }
        put(header, 12, QuoteHeader.INTEL_QE_VENDOR_ID);
        signed.writeBytes(header);
        if (version == 5) {
            byte[] descriptor = new byte[6];
            u16(descriptor, 0, v5BodyType);
            u32(descriptor, 2, body.length);
            signed.writeBytes(descriptor);
        }
        signed.writeBytes(body);
        byte[] signedBytes = signed.toByteArray();

        byte[] key = rawPublicKey(attestationKey);
        byte[] report = qeReport.clone();
        byte[] binding = qeReportDataOverride != null ? qeReportDataOverride
                : Arrays.copyOf(EcdsaP256.sha256(concat(key, qeAuthData)), 64);
        put(report, SGX_REPORT_DATA, binding);
        byte[] pem = certificationPem != null ? certificationPem : pck.chainPem();

        ByteArrayOutputStream certification = new ByteArrayOutputStream();
        certification.writeBytes(report);
        certification.writeBytes(TestPki.rawSignature(pck.key(), report));
        certification.writeBytes(le16(qeAuthData.length));
        certification.writeBytes(qeAuthData);
        certification.writeBytes(le16(5));
        certification.writeBytes(le32(pem.length));
        certification.writeBytes(pem);

        ByteArrayOutputStream signature = new ByteArrayOutputStream();
        signature.writeBytes(TestPki.rawSignature(attestationKey.getPrivate(), signedBytes));
        signature.writeBytes(key);
        if (version == 3) {
            signature.writeBytes(certification.toByteArray());
        } else {
            signature.writeBytes(le16(6));
            signature.writeBytes(le32(certification.size()));
            signature.writeBytes(certification.toByteArray());
        }
        ByteArrayOutputStream quote = new ByteArrayOutputStream();
        quote.writeBytes(signedBytes);
        quote.writeBytes(le32(signature.size()));
        quote.writeBytes(signature.toByteArray());
        return quote.toByteArray();
    }

    private int qeSvn() {
        return (qeReport[SGX_ISV_SVN] & 0xFF) | (qeReport[SGX_ISV_SVN + 1] & 0xFF) << 8;
    }

    /** The uncompressed point without its 0x04: X‖Y, 64 bytes, as quotes carry the attestation key. */
    public static byte[] rawPublicKey(KeyPair key) {
        ECPublicKey publicKey = (ECPublicKey) key.getPublic();
        return concat(BigIntegers.asUnsignedByteArray(32, publicKey.getW().getAffineX()),
                BigIntegers.asUnsignedByteArray(32, publicKey.getW().getAffineY()));
    }

    private QuoteBuilder field(int offset, byte[] value, int length) {
        if (value.length != length) {
            throw new IllegalArgumentException("field at " + offset + " has " + length + " bytes");
        }
        put(body, offset, value);
        return this;
    }

    public static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static void put(byte[] target, int offset, byte[] value) {
        System.arraycopy(value, 0, target, offset, value.length);
    }

    private static void u16(byte[] target, int offset, int value) {
        target[offset] = (byte) value;
        target[offset + 1] = (byte) (value >>> 8);
    }

    private static void u32(byte[] target, int offset, long value) {
        for (int i = 0; i < 4; i++) {
            target[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    private static byte[] le16(int value) {
        byte[] bytes = new byte[2];
        u16(bytes, 0, value);
        return bytes;
    }

    private static byte[] le32(long value) {
        byte[] bytes = new byte[4];
        u32(bytes, 0, value);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
