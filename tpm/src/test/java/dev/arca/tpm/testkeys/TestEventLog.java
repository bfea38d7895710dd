package dev.arca.tpm.testkeys;

import dev.arca.tpm.eventlog.TcgAlgorithm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A TCG event log (TCG PC Client Platform Firmware Profile) in either format: crypto-agile with the banks given
 * (Spec ID Event03 header, TCG_PCR_EVENT2 entries) or legacy SHA-1 (TCG_PCR_EVENT entries); {@link #pcrs} gives what
 * it replays to.
 */
public final class TestEventLog {

    /** EV_IPL: a string naming what the boot loader measured. */
    public static final int EV_IPL = 0xD;
    public static final int EV_NO_ACTION = 0x3;
    public static final int EV_SEPARATOR = 0x4;

    private record Event(int pcr, int type, byte[] data, boolean honest) {
    }

    private final List<TcgAlgorithm> banks;
    private final boolean legacy;
    private final List<Event> events = new ArrayList<>();
    private int startupLocality = -1;

    private TestEventLog(List<TcgAlgorithm> banks, boolean legacy) {
        this.banks = List.copyOf(banks);
        this.legacy = legacy;
    }

    public static TestEventLog cryptoAgile(TcgAlgorithm... banks) {
        return new TestEventLog(List.of(banks), false);
    }

    public static TestEventLog legacySha1() {
        return new TestEventLog(List.of(TcgAlgorithm.SHA1), true);
    }

    public TestEventLog event(int pcr, String text) {
        events.add(new Event(pcr, EV_IPL, text.getBytes(StandardCharsets.UTF_8), true));
        return this;
    }

    /** An event that is logged but, as EV_NO_ACTION, never extended. */
    public TestEventLog noAction(int pcr, String text) {
        events.add(new Event(pcr, EV_NO_ACTION, text.getBytes(StandardCharsets.UTF_8), true));
        return this;
    }

    /** The StartupLocality EV_NO_ACTION event: PCR0 starts at the locality. */
    public TestEventLog startupLocality(int locality) {
        byte[] data = Arrays.copyOf("StartupLocality\0".getBytes(StandardCharsets.US_ASCII), 17);
        data[16] = (byte) locality;
        events.add(new Event(0, EV_NO_ACTION, data, true));
        startupLocality = locality;
        return this;
    }

    /** The PCR values this log replays to in {@code bank} (24 entries). */
    public List<byte[]> pcrs(TcgAlgorithm bank) {
        List<byte[]> pcrs = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            pcrs.add(new byte[bank.digestSize()]);
        }
        if (startupLocality >= 0) {
            pcrs.getFirst()[bank.digestSize() - 1] = (byte) startupLocality;
        }
        for (Event event : events) {
            if (event.type() == EV_NO_ACTION) {
                continue;
            }
            byte[] old = pcrs.get(event.pcr());
            byte[] input = Arrays.copyOf(old, old.length * 2);
            System.arraycopy(digest(bank, event.data()), 0, input, old.length, old.length);
            pcrs.set(event.pcr(), bank.digest(input).orElseThrow());
        }
        return pcrs;
    }

    private static byte[] digest(TcgAlgorithm bank, byte[] data) {
        return bank.digest(data).orElseThrow();
    }

    public byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!legacy) {
            ByteArrayOutputStream specId = new ByteArrayOutputStream();
            specId.writeBytes("Spec ID Event03\0".getBytes(StandardCharsets.US_ASCII));
            specId.writeBytes(le32(0));
            specId.writeBytes(new byte[] {0, 2, 0, 2});
            specId.writeBytes(le32(banks.size()));
            for (TcgAlgorithm bank : banks) {
                specId.writeBytes(le16(bank.id()));
                specId.writeBytes(le16(bank.digestSize()));
            }
            specId.write(0);
            out.writeBytes(le32(0));
            out.writeBytes(le32(EV_NO_ACTION));
            out.writeBytes(new byte[20]);
            out.writeBytes(le32(specId.size()));
            out.writeBytes(specId.toByteArray());
        }
        for (Event event : events) {
            out.writeBytes(le32(event.pcr()));
            out.writeBytes(le32(event.type()));
            if (legacy) {
                out.writeBytes(event.type() == EV_NO_ACTION ? new byte[20] : digest(TcgAlgorithm.SHA1, event.data()));
            } else {
                out.writeBytes(le32(banks.size()));
                for (TcgAlgorithm bank : banks) {
                    out.writeBytes(le16(bank.id()));
                    out.writeBytes(event.type() == EV_NO_ACTION ? new byte[bank.digestSize()]
                            : digest(bank, event.data()));
                }
            }
            out.writeBytes(le32(event.data().length));
            out.writeBytes(event.data());
        }
        return out.toByteArray();
    }

    private static byte[] le32(int value) {
        return new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)};
    }

    private static byte[] le16(int value) {
        return new byte[] {(byte) value, (byte) (value >> 8)};
    }
}
