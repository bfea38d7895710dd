package dev.arca.nvidia.spdm;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.nvidia.NvidiaVerificationException;

/**
 * Fuzzes the SPDM GET_MEASUREMENTS request‖response parser (docs/fuzzing.md): a GPU report is either parsed, with its
 * measurements and opaque fields read, or refused with a {@link NvidiaVerificationException}; anything else is a
 * finding.
 */
class SpdmReportFuzzTest {

    @FuzzTest
    void report(byte[] report) {
        try {
            SpdmReport parsed = SpdmReport.parse(report);
            parsed.measurements();
            parsed.response().opaqueData().fwid();
        } catch (NvidiaVerificationException refused) {
            // typed refusal
        }
    }
}
