package dev.arca.dcap.eventlog;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.quote.TdReport;
import dev.arca.dcap.trust.EcdsaP256;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.Hex;
import java.security.MessageDigest;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A parsed CC event log. {@link #replay()} recomputes RTMR0–3 with SHA-384 from 48 zero bytes,
 * RTMR_new = SHA-384(RTMR_old ‖ digest), for events with MR index 1–4 (index 1 → RTMR0 … 4 → RTMR3), skipping
 * EV_NO_ACTION, which is never extended (TCG PC Client Platform Firmware Profile).
 */
public record CcEventLog(List<CcEvent> events) {

    public CcEventLog {
        events = List.copyOf(events);
    }

    public byte[][] replay() {
        byte[][] rtmrs = new byte[4][48];
        for (CcEvent event : events) {
            if (event.index() < 1 || event.index() > 4 || event.type() == TcgEventType.EV_NO_ACTION.code()) {
                continue;
            }
            int register = (int) event.index() - 1;
            for (EventDigest digest : event.digests()) {
                if (digest.algorithm() == TcgAlgorithm.SHA384) {
                    byte[] input = new byte[96];
                    System.arraycopy(rtmrs[register], 0, input, 0, 48);
                    System.arraycopy(digest.digest(), 0, input, 48, 48);
                    rtmrs[register] = EcdsaP256.sha384(input);
                }
            }
        }
        return rtmrs;
    }

    /**
     * Replays the log and requires every RTMR to equal the TD report's (Trustee confidential-containers-eventlog.md).
     */
    public void requireMatches(TdReport td) throws DcapVerificationException {
        requireMatches(List.of(td.rtmr(0), td.rtmr(1), td.rtmr(2), td.rtmr(3)));
    }

    /** Replays the log and requires RTMR0–3 to equal {@code rtmrs} (four 48-byte values). */
    public void requireMatches(List<byte[]> rtmrs) throws DcapVerificationException {
        if (rtmrs.size() != 4) {
            throw new IllegalArgumentException("four RTMR values are needed");
        }
        byte[][] replayed = replay();
        for (int i = 0; i < 4; i++) {
            if (!MessageDigest.isEqual(replayed[i], rtmrs.get(i))) {
                throw new DcapVerificationException(Reason.EVENT_LOG_MISMATCH, "replaying the CC event log gives RTMR"
                        + i + " = " + Hex.of(replayed[i]) + ", the quote has " + Hex.of(rtmrs.get(i)));
            }
        }
    }

    /** The {@code uefi_event_logs} claim (Trustee tdx verifier). */
    public ArrayNode toClaims() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ArrayNode array = nodes.arrayNode();
        for (CcEvent event : events) {
            ObjectNode entry = array.addObject();
            entry.set("details", event.details().deepCopy());
            entry.put("digest_matches_event", event.digestMatchesEvent());
            ArrayNode digests = entry.putArray("digests");
            for (EventDigest digest : event.digests()) {
                digests.addObject().put("alg", digest.algorithm().displayName()).put("digest", Hex.of(digest.digest()));
            }
            entry.put("event", Base64s.std(event.data()));
            entry.set("index", EventDetailsDecoder.number(event.index()));
            entry.put("type_name", event.typeName());
        }
        return array;
    }
}
