package dev.arca.tpm.eventlog;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One measured event of a TCG event log (TCG_PCR_EVENT2, or TCG_PCR_EVENT in a legacy SHA-1 log).
 *
 * @param index              the PCR index, or in a CC event log the CC measurement register index (0 MRTD, 1–4
 *                           RTMR0–3; UEFI CC measurement protocol)
 * @param type               the event type number
 * @param digests            the digests, in log order
 * @param data               the raw event data
 * @param details            decoded event data, as trustee's {@code details} (may be empty)
 * @param digestMatchesEvent whether every digest equals the hash of the event data
 */
public record TcgEvent(long index, long type, List<EventDigest> digests, byte[] data, ObjectNode details,
        boolean digestMatchesEvent) {

    public TcgEvent {
        digests = List.copyOf(digests);
    }

    public String typeName() {
        return TcgEventType.nameOf(type);
    }
}
