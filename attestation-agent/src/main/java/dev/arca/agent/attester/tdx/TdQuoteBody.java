package dev.arca.agent.attester.tdx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The few TD quote fields the agent itself reads (Intel TDX DCAP Quote Generation Library and Quote
 * Verification Library API, Appendix A): a v4 quote has the 584-byte TD body right after the 48-byte header; a v5 quote
 * first has a body descriptor (type u16, size u32). Field offsets within the TD body are those of TDX 1.0, which TDX
 * 1.5 extends.
 */
public record TdQuoteBody(int version, byte[] mrConfigId, byte[] reportData) {

    static final int HEADER = 48;
    static final int TEE_TYPE_TDX = 0x81;
    static final int BODY_TDX10 = 584;
    static final int MR_CONFIG_ID = 184;
    static final int REPORT_DATA = 520;

    public static TdQuoteBody parse(byte[] quote) {
        if (quote.length < HEADER + BODY_TDX10) {
            throw new IllegalArgumentException("TD quote too short: " + quote.length + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(quote).order(ByteOrder.LITTLE_ENDIAN);
        int version = Short.toUnsignedInt(buffer.getShort(0));
        int teeType = buffer.getInt(4);
        if (teeType != TEE_TYPE_TDX) {
            throw new IllegalArgumentException("quote tee_type is 0x" + Integer.toHexString(teeType) + ", not TDX");
        }
        int body = switch (version) {
            case 4 -> HEADER;
            case 5 -> {
                int type = Short.toUnsignedInt(buffer.getShort(HEADER));
                if (type != 2 && type != 3) {
                    throw new IllegalArgumentException("v5 quote body type " + type + " is not a TD report");
                }
                yield HEADER + 6;
            }
            default -> throw new IllegalArgumentException("unsupported TD quote version " + version);
        };
        if (quote.length < body + BODY_TDX10) {
            throw new IllegalArgumentException("TD quote too short for its body");
        }
        return new TdQuoteBody(version, Arrays.copyOfRange(quote, body + MR_CONFIG_ID, body + MR_CONFIG_ID + 48),
                Arrays.copyOfRange(quote, body + REPORT_DATA, body + REPORT_DATA + 64));
    }
}
