package dev.arca.agent.fakes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Intel quotes of the right shape, built by the tests (layout of the Intel TDX DCAP Quote Generation Library and
 * Quote Verification Library API, appendix "Quote Format": a 48-byte header, the report body, then the u32 length of
 * the signature data and the data). The agent never verifies quotes — it relays them and reads its own report data
 * and MRCONFIGID back — so the signature data here is filler of the declared length.
 */
public final class SyntheticQuotes {

    static final int TEE_SGX = 0x00000000;
    static final int TEE_TDX = 0x00000081;
    static final int TD_BODY_10 = 584;
    static final int TD_BODY_15 = 648;
    static final int SGX_BODY = 384;
    static final int SIGNATURE_DATA = 0x200;

    private SyntheticQuotes() {
    }

    /** A v4 TD quote (TDX 1.0 body) with the given MRCONFIGID (48 bytes) and report data (64 bytes). */
    public static byte[] tdxV4(byte[] mrConfigId, byte[] reportData) {
        ByteBuffer quote = header(4, TEE_TDX, TD_BODY_10, 0);
        tdBody(quote, 48, mrConfigId, reportData);
        return signatureData(quote, 48 + TD_BODY_10);
    }

    /** A v5 TD quote whose body descriptor says TDX 1.5 (type 3, 648 bytes). */
    public static byte[] tdxV5(byte[] mrConfigId, byte[] reportData) {
        ByteBuffer quote = header(5, TEE_TDX, TD_BODY_15, 6);
        quote.putShort(48, (short) 3).putInt(50, TD_BODY_15);
        tdBody(quote, 54, mrConfigId, reportData);
        return signatureData(quote, 54 + TD_BODY_15);
    }

    /** A v3 SGX quote: header, the 384-byte enclave report body with report data at 320, signature data. */
    public static byte[] sgxV3(byte[] reportData) {
        ByteBuffer quote = header(3, TEE_SGX, SGX_BODY, 0);
        quote.put(48 + 320, reportData, 0, Math.min(64, reportData.length));
        return signatureData(quote, 48 + SGX_BODY);
    }

    private static ByteBuffer header(int version, int teeType, int body, int descriptor) {
        ByteBuffer quote = ByteBuffer.allocate(48 + descriptor + body + 4 + SIGNATURE_DATA)
                .order(ByteOrder.LITTLE_ENDIAN);
        quote.putShort(0, (short) version);
        quote.putShort(2, (short) 2); // attestation key type: ECDSA-256 with P-256
        quote.putInt(4, teeType);
        quote.put(12, new byte[] {(byte) 0x93, (byte) 0x9a, 0x72, 0x33}); // QE vendor id (start)
        return quote;
    }

    /** TD report body offsets (TDX 1.0): MRTD 136, MRCONFIGID 184, RTMR0 328, REPORTDATA 520. */
    private static void tdBody(ByteBuffer quote, int body, byte[] mrConfigId, byte[] reportData) {
        quote.put(body + 136, filled(48, 0x7D)); // MRTD
        quote.put(body + 184, mrConfigId, 0, 48);
        quote.put(body + 520, reportData, 0, Math.min(64, reportData.length));
    }

    private static byte[] signatureData(ByteBuffer quote, int at) {
        quote.putInt(at, SIGNATURE_DATA);
        quote.put(at + 4, filled(SIGNATURE_DATA, 0x5A));
        return quote.array();
    }

    public static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
