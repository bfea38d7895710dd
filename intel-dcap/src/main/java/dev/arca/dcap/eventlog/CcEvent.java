package dev.arca.dcap.eventlog;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One measured event of a CC event log (TCG_PCR_EVENT2).
 *
 * @param index              the CC measurement register index (0 MRTD, 1–4 RTMR0–3; UEFI CC measurement protocol)
 * @param type               the event type number
 * @param digests            the digests, in log order
 * @param data               the raw event data
 * @param details            decoded event data, as trustee's {@code details} (may be empty)
 * @param digestMatchesEvent whether every digest equals the hash of the event data
 */
public record CcEvent(long index, long type, List<EventDigest> digests, byte[] data, ObjectNode details,
        boolean digestMatchesEvent) {

    public CcEvent {
        digests = List.copyOf(digests);
    }

    public String typeName() {
        return TcgEventType.nameOf(type);
    }
}
