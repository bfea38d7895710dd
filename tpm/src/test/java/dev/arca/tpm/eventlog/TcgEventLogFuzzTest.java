package dev.arca.tpm.eventlog;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.tpm.TpmVerificationException;

/**
 * Fuzzes TCG event logs (docs/fuzzing.md): a TPM's log (crypto-agile or legacy SHA-1) or the CC event log (CCEL) a TDX
 * guest sends with its quote. The log is either parsed, with every event's details decoded and the log replayed into
 * every bank and the RTMRs, or refused with a {@link TpmVerificationException}; anything else is a finding.
 */
class TcgEventLogFuzzTest {

    @FuzzTest
    void eventLog(byte[] log) {
        try {
            TcgEventLog parsed = TcgEventLogParser.parse(log);
            for (TcgAlgorithm bank : new TcgAlgorithm[] {TcgAlgorithm.SHA1, TcgAlgorithm.SHA256, TcgAlgorithm.SHA384}) {
                parsed.replayPcrs(bank);
            }
            parsed.replayRtmrs();
            parsed.replayCcMrs(TcgAlgorithm.SM3);
            parsed.toClaims();
        } catch (TpmVerificationException refused) {
            // typed refusal
        }
    }
}
