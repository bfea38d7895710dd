package dev.arca.dcap.verify;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.quote.TdReport;
import dev.arca.model.json.Hex;
import dev.arca.tpm.TpmVerificationException;
import dev.arca.tpm.eventlog.TcgEventLog;
import dev.arca.tpm.eventlog.TcgEventLogParser;
import java.security.MessageDigest;
import java.util.List;

/**
 * The CC event log of a TD against its quote (Trustee confidential-containers-eventlog.md): the log (parsed by the
 * project's one TCG event-log implementation, {@code dev.arca.tpm.eventlog}) must replay to RTMR0–3.
 */
public final class RtmrReplay {

    private RtmrReplay() {
    }

    /** Parses a CCEL area; a malformed log is a FORMAT refusal. */
    public static TcgEventLog parse(byte[] ccel) throws DcapVerificationException {
        try {
            return TcgEventLogParser.parseCryptoAgile(ccel);
        } catch (TpmVerificationException e) {
            throw new DcapVerificationException(Reason.FORMAT, "CC " + e.getMessage());
        }
    }

    public static void requireMatches(TcgEventLog log, TdReport td) throws DcapVerificationException {
        requireMatches(log, List.of(td.rtmr(0), td.rtmr(1), td.rtmr(2), td.rtmr(3)));
    }

    /** Replays the log and requires RTMR0–3 to equal {@code rtmrs} (four 48-byte values). */
    public static void requireMatches(TcgEventLog log, List<byte[]> rtmrs) throws DcapVerificationException {
        if (rtmrs.size() != 4) {
            throw new IllegalArgumentException("four RTMR values are needed");
        }
        byte[][] replayed = log.replayRtmrs();
        for (int i = 0; i < 4; i++) {
            if (!MessageDigest.isEqual(replayed[i], rtmrs.get(i))) {
                throw new DcapVerificationException(Reason.EVENT_LOG_MISMATCH, "replaying the CC event log gives RTMR"
                        + i + " = " + Hex.of(replayed[i]) + ", the quote has " + Hex.of(rtmrs.get(i)));
            }
        }
    }
}
