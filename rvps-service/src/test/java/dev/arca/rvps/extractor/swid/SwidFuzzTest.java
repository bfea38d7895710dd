package dev.arca.rvps.extractor.swid;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.rvps.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * Fuzzes the SWID (TCG RIM) extractor with arbitrary XML (docs/fuzzing.md): every document is either read into
 * reference values or refused with an {@link InvalidRequestException} (400). A DOCTYPE — and with it every XXE and
 * entity-expansion ("billion laughs") attack — is refused before anything is expanded; seeds carry both. Anything else
 * that escapes, or an input that runs for long, is a finding.
 */
class SwidFuzzTest {

    private static final SwidExtractor EXTRACTOR =
            new SwidExtractor(Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));

    @FuzzTest
    void swid(byte[] xml) {
        try {
            EXTRACTOR.extract(Base64.getEncoder().encodeToString(xml));
        } catch (InvalidRequestException refused) {
            // typed refusal
        }
    }
}
