package dev.arca.dcap.eventlog;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.dcap.DcapVerificationException;

/**
 * Fuzzes the CC event log (CCEL) a TDX guest sends with its quote (docs/fuzzing.md): the log is either parsed, with
 * every event's details decoded, or refused with a {@link DcapVerificationException}; anything else is a finding.
 */
class CcEventLogFuzzTest {

    @FuzzTest
    void eventLog(byte[] log) {
        try {
            CcEventLogParser.parse(log);
        } catch (DcapVerificationException refused) {
            // typed refusal
        }
    }
}
