package dev.arca.agent.fakes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;

/**
 * A verifier's replay of a TDX {@code cc_eventlog} (TCG PC Client Platform Firmware Profile, crypto-agile log; UEFI CC
 * measurement protocol), written independently of the agent: the legacy header event, then TCG_PCR_EVENT2 entries;
 * every event but EV_NO_ACTION extends RTMR[index − 1] with its SHA-384 digest, starting from zeros; stop at 0xFF/0x00
 * fill.
 */
public final class CcelReplay {

    private CcelReplay() {
    }

    /** The four RTMR values the log replays to. */
    public static byte[][] rtmrs(byte[] log) throws Exception {
        byte[][] rtmr = new byte[4][48];
        ByteBuffer in = ByteBuffer.wrap(log).order(ByteOrder.LITTLE_ENDIAN);
        in.getInt();
        in.getInt();
        in.position(in.position() + 20);
        int headerSize = in.getInt();
        in.position(in.position() + headerSize);
        while (in.remaining() >= 8) {
            int index = in.getInt();
            int type = in.getInt();
            if (type == -1 || index == 0 && type == 0) {
                break;
            }
            int count = in.getInt();
            byte[] sha384 = null;
            for (int i = 0; i < count; i++) {
                int alg = Short.toUnsignedInt(in.getShort());
                int length = switch (alg) {
                    case 0x0B, 0x12 -> 32;
                    case 0x0C -> 48;
                    case 0x0D -> 64;
                    case 0x04 -> 20;
                    default -> throw new IllegalArgumentException("alg " + alg);
                };
                byte[] digest = new byte[length];
                in.get(digest);
                if (alg == 0x0C) {
                    sha384 = digest;
                }
            }
            int eventSize = in.getInt();
            in.position(in.position() + eventSize);
            if (type != 3 && sha384 != null && index >= 1 && index <= 4) {
                MessageDigest md = MessageDigest.getInstance("SHA-384");
                md.update(rtmr[index - 1]);
                md.update(sha384);
                rtmr[index - 1] = md.digest();
            }
        }
        return rtmr;
    }
}
