package dev.arca.agent.fakes;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A TDX firmware event log of the right shape, built by the tests, as the ACPI CCEL table's area holds it (TCG PC
 * Client Platform Firmware Profile, crypto-agile format): the legacy "Spec ID Event03" header event, TCG_PCR_EVENT2
 * entries with one SHA-384 digest each, then 0xFF fill up to the area's size. It also keeps the RTMR values its events
 * extend (MR index 1–4 = RTMR0–3, as the UEFI CC measurement protocol maps them), so a test can compare a replay
 * with what the log was built to say.
 */
public final class SyntheticEventLog {

    private static final int EV_NO_ACTION = 3;
    private static final int SHA384 = 0x000C;

    private final ByteArrayOutputStream events = new ByteArrayOutputStream();
    private final byte[][] rtmrs = new byte[4][48];

    public SyntheticEventLog() {
        ByteBuffer specId = ByteBuffer.allocate(16 + 4 + 4 + 4 + 4 + 1).order(ByteOrder.LITTLE_ENDIAN);
        specId.put(Arrays.copyOf("Spec ID Event03".getBytes(StandardCharsets.US_ASCII), 16));
        specId.putInt(0); // platform class
        specId.put((byte) 0).put((byte) 2).put((byte) 0).put((byte) 2); // minor, major, errata, uintn size
        specId.putInt(1).putShort((short) SHA384).putShort((short) 48);
        specId.put((byte) 0); // vendor info size
        ByteBuffer header = ByteBuffer.allocate(32 + specId.capacity()).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0).putInt(EV_NO_ACTION).put(new byte[20]).putInt(specId.capacity()).put(specId.array());
        events.writeBytes(header.array());
    }

    /** An event measured into MR {@code mrIndex} (1–4), its digest the SHA-384 of its data. */
    public SyntheticEventLog event(int mrIndex, int type, String data) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        byte[] digest = sha384(bytes);
        ByteBuffer event = ByteBuffer.allocate(4 + 4 + 4 + 2 + 48 + 4 + bytes.length).order(ByteOrder.LITTLE_ENDIAN);
        event.putInt(mrIndex).putInt(type).putInt(1).putShort((short) SHA384).put(digest).putInt(bytes.length)
                .put(bytes);
        events.writeBytes(event.array());
        if (type != EV_NO_ACTION) {
            rtmrs[mrIndex - 1] = sha384(rtmrs[mrIndex - 1], digest);
        }
        return this;
    }

    /** The CCEL area: the events, then 0xFF up to {@code size} bytes. */
    public byte[] area(int size) {
        byte[] log = events.toByteArray();
        byte[] area = Arrays.copyOf(log, Math.max(size, log.length + 8));
        Arrays.fill(area, log.length, area.length, (byte) 0xFF);
        return area;
    }

    /** The events alone, as the agent must send them (without the fill). */
    public byte[] events() {
        return events.toByteArray();
    }

    public byte[] rtmr(int index) {
        return rtmrs[index].clone();
    }

    static byte[] sha384(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-384");
            for (byte[] part : parts) {
                md.update(part);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
