package dev.arca.tpm.eventlog;

import dev.arca.tpm.TpmVerificationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a TCG event log (TCG PC Client Platform Firmware Profile §10) in either format:
 * <ul>
 *   <li><b>crypto-agile</b>: the first event is a legacy TCG_PCR_EVENT (pcrIndex u32, eventType u32, SHA-1
 *       digest[20], eventSize u32, event) of type EV_NO_ACTION carrying the "Spec ID Event03" structure, whose
 *       algorithm table (from offset 24: numberOfAlgorithms u32, then algorithmId u16 / digestSize u16 pairs) sizes
 *       every later digest; every later event is a TCG_PCR_EVENT2: index u32, type u32, digest count u32,
 *       (algorithmId u16, digest)*, eventSize u32, event. A CC event log (ACPI CCEL area) has this format;</li>
 *   <li><b>legacy SHA-1</b> (TCG 1.2 format, any other first event): TCG_PCR_EVENT entries only.</li>
 * </ul>
 * All integers are little-endian. A memory area may be padded with 0xFF or 0x00: parsing stops at the first event
 * whose index and type (read as one u64) are all ones or all zeros (crypto-agile), or where only fill remains.
 */
public final class TcgEventLogParser {

    private static final byte[] SPEC_ID_SIGNATURE = "Spec ID Event03\0".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_DIGESTS = 8;
    private static final int LEGACY_HEADER = 32;

    private TcgEventLogParser() {
    }

    /**
     * @throws TpmVerificationException {@link TpmVerificationException.Reason#FORMAT} when the log is malformed
     */
    public static TcgEventLog parse(byte[] log) throws TpmVerificationException {
        if (log == null || log.length == 0) {
            throw invalid("the event log is empty");
        }
        if (!LeBytes.fits(log, 0, LEGACY_HEADER)) {
            throw invalid("the event log is shorter than its first event header");
        }
        return isCryptoAgile(log) ? parseCryptoAgileLog(log) : parseLegacy(log);
    }

    /**
     * A log that must be crypto-agile, as a CC event log is (ACPI CCEL).
     *
     * @throws TpmVerificationException {@link TpmVerificationException.Reason#FORMAT} when it is not
     */
    public static TcgEventLog parseCryptoAgile(byte[] log) throws TpmVerificationException {
        if (log == null || log.length == 0) {
            throw invalid("the event log is empty");
        }
        if (!LeBytes.fits(log, 0, LEGACY_HEADER)) {
            throw invalid("the event log is shorter than its first event header");
        }
        return parseCryptoAgileLog(log);
    }

    private static boolean isCryptoAgile(byte[] log) {
        long type = LeBytes.u32(log, 4);
        return type == TcgEventType.EV_NO_ACTION.code() && LeBytes.fits(log, LEGACY_HEADER, SPEC_ID_SIGNATURE.length)
                && Arrays.equals(Arrays.copyOfRange(log, LEGACY_HEADER, LEGACY_HEADER + 15),
                        Arrays.copyOf(SPEC_ID_SIGNATURE, 15));
    }

    private static TcgEventLog parseCryptoAgileLog(byte[] log) throws TpmVerificationException {
        if (LeBytes.u32(log, 4) != TcgEventType.EV_NO_ACTION.code()) {
            throw invalid("the first event is not an EV_NO_ACTION Spec ID event");
        }
        Map<TcgAlgorithm, Integer> digestSizes = new EnumMap<>(TcgAlgorithm.class);
        int offset = parseSpecIdEvent(log, digestSizes);
        List<TcgEvent> events = new ArrayList<>();
        while (LeBytes.fits(log, offset, 8)) {
            long marker = LeBytes.u64(log, offset);
            if (marker == 0 || marker == -1L) {
                break;
            }
            offset = parseEvent2(log, offset, digestSizes, events);
        }
        return new TcgEventLog(TcgEventLog.Format.CRYPTO_AGILE, events);
    }

    private static TcgEventLog parseLegacy(byte[] log) throws TpmVerificationException {
        List<TcgEvent> events = new ArrayList<>();
        int offset = 0;
        while (offset < log.length && !LeBytes.allEqual(log, offset, 0) && !LeBytes.allEqual(log, offset, 0xFF)) {
            if (!LeBytes.fits(log, offset, LEGACY_HEADER)) {
                throw invalid("event " + events.size() + " header is truncated");
            }
            long index = LeBytes.u32(log, offset);
            long type = LeBytes.u32(log, offset + 4);
            byte[] digest = Arrays.copyOfRange(log, offset + 8, offset + 28);
            long size = LeBytes.u32(log, offset + 28);
            int at = offset + LEGACY_HEADER;
            if (!LeBytes.fits(log, at, size)) {
                throw invalid("event " + events.size() + " data (" + size + " bytes) runs past the log");
            }
            byte[] data = Arrays.copyOfRange(log, at, at + (int) size);
            List<EventDigest> digests = List.of(new EventDigest(TcgAlgorithm.SHA1, digest));
            events.add(new TcgEvent(index, type, digests, data, EventDetailsDecoder.decode(type, data),
                    digestsMatch(digests, data)));
            offset = at + (int) size;
        }
        if (events.isEmpty()) {
            throw invalid("the event log holds no event");
        }
        return new TcgEventLog(TcgEventLog.Format.SHA1_LEGACY, events);
    }

    private static int parseSpecIdEvent(byte[] log, Map<TcgAlgorithm, Integer> digestSizes)
            throws TpmVerificationException {
        long size = LeBytes.u32(log, 28);
        int start = LEGACY_HEADER;
        if (!LeBytes.fits(log, start, size)) {
            throw invalid("the first event is not an EV_NO_ACTION Spec ID event");
        }
        byte[] event = Arrays.copyOfRange(log, start, start + (int) size);
        if (event.length < 28 || !Arrays.equals(Arrays.copyOf(event, 16), SPEC_ID_SIGNATURE)) {
            throw invalid("the first event is not \"Spec ID Event03\" (not a crypto-agile log)");
        }
        long count = LeBytes.u32(event, 24);
        int position = 28;
        if (count == 0 || count > MAX_DIGESTS || !LeBytes.fits(event, position, count * 4 + 1)) {
            throw invalid("the Spec ID event's algorithm table does not fit");
        }
        for (int i = 0; i < count; i++) {
            int id = LeBytes.u16(event, position);
            int digestSize = LeBytes.u16(event, position + 2);
            position += 4;
            TcgAlgorithm algorithm = TcgAlgorithm.fromId(id)
                    .orElseThrow(() -> invalid("unknown digest algorithm 0x" + Integer.toHexString(id)));
            if (algorithm.digestSize() > 0 && algorithm.digestSize() != digestSize) {
                throw invalid("the Spec ID event gives " + algorithm.displayName() + " digests " + digestSize
                        + " bytes");
            }
            digestSizes.put(algorithm, digestSize);
        }
        int vendorSize = event[position] & 0xFF;
        if (position + 1 + vendorSize != event.length) {
            throw invalid("the Spec ID event's size does not match its content");
        }
        return start + (int) size;
    }

    private static int parseEvent2(byte[] log, int offset, Map<TcgAlgorithm, Integer> digestSizes,
            List<TcgEvent> events) throws TpmVerificationException {
        int at = offset;
        if (!LeBytes.fits(log, at, 12)) {
            throw invalid("event " + events.size() + " header is truncated");
        }
        long index = LeBytes.u32(log, at);
        long type = LeBytes.u32(log, at + 4);
        long count = LeBytes.u32(log, at + 8);
        at += 12;
        if (count > MAX_DIGESTS) {
            throw invalid("event " + events.size() + " claims " + count + " digests");
        }
        List<EventDigest> digests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!LeBytes.fits(log, at, 2)) {
                throw invalid("event " + events.size() + " digest list is truncated");
            }
            int id = LeBytes.u16(log, at);
            TcgAlgorithm algorithm = TcgAlgorithm.fromId(id).filter(digestSizes::containsKey)
                    .orElseThrow(() -> invalid("event uses digest algorithm 0x" + Integer.toHexString(id)
                            + " that the Spec ID event does not list"));
            int size = digestSizes.get(algorithm);
            if (!LeBytes.fits(log, at + 2, size)) {
                throw invalid("event " + events.size() + " digest is truncated");
            }
            digests.add(new EventDigest(algorithm, Arrays.copyOfRange(log, at + 2, at + 2 + size)));
            at += 2 + size;
        }
        if (!LeBytes.fits(log, at, 4)) {
            throw invalid("event " + events.size() + " size is truncated");
        }
        long size = LeBytes.u32(log, at);
        at += 4;
        if (!LeBytes.fits(log, at, size)) {
            throw invalid("event " + events.size() + " data (" + size + " bytes) runs past the log");
        }
        byte[] data = Arrays.copyOfRange(log, at, at + (int) size);
        at += (int) size;
        events.add(new TcgEvent(index, type, digests, data, EventDetailsDecoder.decode(type, data),
                digestsMatch(digests, data)));
        return at;
    }

    private static boolean digestsMatch(List<EventDigest> digests, byte[] data) {
        for (EventDigest digest : digests) {
            if (!digest.algorithm().digest(data).map(d -> Arrays.equals(d, digest.digest())).orElse(false)) {
                return false;
            }
        }
        return true;
    }

    private static TpmVerificationException invalid(String message) {
        return TpmVerificationException.format("event log: " + message);
    }
}
