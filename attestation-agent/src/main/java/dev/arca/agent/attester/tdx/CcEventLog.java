package dev.arca.agent.attester.tdx;

import dev.arca.agent.platform.HostFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The {@code cc_eventlog} of TDX evidence (guest-components TDX attester): the firmware's CCEL event log cut to its
 * real end, followed by the agent's own AAEL entries, followed by eight 0xFF bytes, in standard base64; or nothing when
 * there is neither log. Verifiers replay it against the RTMRs, so the bytes must be exactly the kernel's and the
 * agent's.
 */
public final class CcEventLog {

    private static final int EV_NO_ACTION = 3;
    private static final byte[] END = {-1, -1, -1, -1, -1, -1, -1, -1};

    private CcEventLog() {
    }

    /** The b64 event log, or empty when neither the CCEL nor the AAEL exists. */
    public static Optional<String> collect(HostFiles files, Path ccel, Path aael) throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        boolean hasCcel = files.exists(ccel);
        if (hasCcel) {
            byte[] area = files.read(ccel);
            log.write(area, 0, trimmedLength(area));
        }
        if (files.exists(aael)) {
            byte[] entries = files.read(aael);
            if (!hasCcel) {
                log.write(specIdHeader());
            }
            log.write(entries);
        }
        if (log.size() == 0) {
            return Optional.empty();
        }
        log.write(END);
        return Optional.of(Base64.getEncoder().encodeToString(log.toByteArray()));
    }

    /**
     * Where the events of an ACPI CCEL area end: after the legacy header event, walk the crypto-agile
     * TCG_PCR_EVENT2 entries until the next eight bytes are all 0xFF or all 0x00 (the fill of the reserved area).
     */
    static int trimmedLength(byte[] area) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(area).order(ByteOrder.LITTLE_ENDIAN);
        try {
            in.getInt(); // PCR index
            int type = in.getInt();
            in.position(in.position() + 20); // SHA-1 digest
            if (type == EV_NO_ACTION) {
                skip(in, in.getInt());
            }
            while (in.remaining() >= 8 && !fill(area, in.position())) {
                in.getInt(); // MR index
                in.getInt(); // event type
                int digests = in.getInt();
                if (digests < 0 || digests > 8) {
                    throw new IOException("CCEL entry at " + (in.position() - 12) + " has " + digests + " digests");
                }
                for (int i = 0; i < digests; i++) {
                    skip(in, digestLength(Short.toUnsignedInt(in.getShort())));
                }
                skip(in, in.getInt());
            }
            return in.position();
        } catch (RuntimeException e) {
            throw new IOException("CCEL event log is truncated or malformed", e);
        }
    }

    private static boolean fill(byte[] area, int at) {
        byte[] next = Arrays.copyOfRange(area, at, at + 8);
        return Arrays.equals(next, END) || Arrays.equals(next, new byte[8]);
    }

    private static void skip(ByteBuffer in, int length) throws IOException {
        if (length < 0 || length > in.remaining()) {
            throw new IOException("CCEL entry length " + Integer.toUnsignedString(length) + " runs past the log");
        }
        in.position(in.position() + length);
    }

    /** TCG algorithm identifiers of the crypto-agile log. */
    static int digestLength(int algorithm) throws IOException {
        return switch (algorithm) {
            case 0x0004 -> 20; // SHA-1
            case 0x000B, 0x0012 -> 32; // SHA-256, SM3
            case 0x000C -> 48; // SHA-384
            case 0x000D -> 64; // SHA-512
            default -> throw new IOException("CCEL uses unknown digest algorithm 0x" + Integer.toHexString(algorithm));
        };
    }

    /**
     * The 69-byte header put in front of AAEL entries when there is no CCEL (guest-components TDX attester): a legacy
     * EV_NO_ACTION event carrying a TCG_EfiSpecIDEvent with two algorithms, SHA-384 (48) and SM3 (32), signature bytes
     * zero as upstream leaves them.
     */
    static byte[] specIdHeader() {
        ByteBuffer event = ByteBuffer.allocate(37).order(ByteOrder.LITTLE_ENDIAN);
        event.put(new byte[16]); // signature, left zero
        event.putInt(0); // platform class
        event.put((byte) 0).put((byte) 2).put((byte) 0); // spec version minor, major, errata
        event.put((byte) 2); // uintn size: UINT64
        event.putInt(2);
        event.putShort((short) 0x000C).putShort((short) 48);
        event.putShort((short) 0x0012).putShort((short) 32);
        event.put((byte) 0); // vendor info size
        ByteBuffer header = ByteBuffer.allocate(69).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0).putInt(EV_NO_ACTION).put(new byte[20]).putInt(37).put(event.array());
        return header.array();
    }
}
