package dev.arca.csv.testpki;

import dev.arca.csv.cert.LittleEndian;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * A crypto-agile CC event log with one SM3 bank, as a CSV v2 guest's firmware writes one (TCG PC Client Platform
 * Firmware Profile §10: a Spec ID Event03 header, then TCG_PCR_EVENT2 entries), and the rtmr1–4 it replays to.
 */
public final class SyntheticCcEventLog {

    /** EV_SEPARATOR. */
    public static final int EV_SEPARATOR = 0x4;
    /** EV_IPL: a boot loader's measurement, e.g. a kernel command line. */
    public static final int EV_IPL = 0xD;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final byte[][] registers = new byte[4][32];

    public SyntheticCcEventLog() {
        byte[] specId = new byte[33];
        System.arraycopy("Spec ID Event03\0".getBytes(StandardCharsets.US_ASCII), 0, specId, 0, 16);
        specId[21] = 2; // spec version 2.0
        specId[23] = 2; // uintnSize: 64-bit
        LittleEndian.putU32(specId, 24, 1);
        LittleEndian.putU16(specId, 28, 0x12); // TPM_ALG_SM3_256
        LittleEndian.putU16(specId, 30, 32);
        byte[] header = new byte[32];
        LittleEndian.putU32(header, 4, 3); // EV_NO_ACTION
        LittleEndian.putU32(header, 28, specId.length);
        out.writeBytes(header);
        out.writeBytes(specId);
    }

    /** Measures {@code data} into CC measurement register {@code index} (1–4). */
    public SyntheticCcEventLog measure(int index, int type, byte[] data) {
        byte[] digest = sm3(data);
        byte[] head = new byte[14];
        LittleEndian.putU32(head, 0, index);
        LittleEndian.putU32(head, 4, type);
        LittleEndian.putU32(head, 8, 1);
        LittleEndian.putU16(head, 12, 0x12);
        out.writeBytes(head);
        out.writeBytes(digest);
        byte[] size = new byte[4];
        LittleEndian.putU32(size, 0, data.length);
        out.writeBytes(size);
        out.writeBytes(data);
        byte[] input = Arrays.copyOf(registers[index - 1], 64);
        System.arraycopy(digest, 0, input, 32, 32);
        registers[index - 1] = sm3(input);
        return this;
    }

    /** A typical boot: separators, a kernel command line, an initrd. */
    public static SyntheticCcEventLog typicalBoot() {
        return new SyntheticCcEventLog()
                .measure(1, EV_SEPARATOR, new byte[4])
                .measure(2, EV_SEPARATOR, new byte[4])
                .measure(3, EV_IPL, "grub_cmd: linux /vmlinuz console=ttyS0".getBytes(StandardCharsets.US_ASCII))
                .measure(3, EV_IPL, "grub_cmd: initrd /initrd.img".getBytes(StandardCharsets.US_ASCII))
                .measure(4, EV_IPL, "kata-agent policy".getBytes(StandardCharsets.US_ASCII));
    }

    /** The log, padded as the CCEL area is. */
    public byte[] bytes() {
        byte[] log = out.toByteArray();
        byte[] padded = Arrays.copyOf(log, log.length + 16);
        Arrays.fill(padded, log.length, padded.length, (byte) 0xFF);
        return padded;
    }

    /** rtmr{@code index} (1–4) the log replays to. */
    public byte[] rtmr(int index) {
        return registers[index - 1].clone();
    }

    private static byte[] sm3(byte[] data) {
        SM3Digest sm3 = new SM3Digest();
        sm3.update(data, 0, data.length);
        byte[] digest = new byte[32];
        sm3.doFinal(digest, 0);
        return digest;
    }
}
