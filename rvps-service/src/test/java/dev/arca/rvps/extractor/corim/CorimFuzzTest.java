package dev.arca.rvps.extractor.corim;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.rvps.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * Fuzzes the CoRIM extractor with arbitrary CBOR (docs/fuzzing.md): every input is either read into reference values
 * (unsigned corim-map, tagged CoRIM, COSE_Sign1-wrapped signed CoRIM, CoMID tags) or refused with an
 * {@link InvalidRequestException} (400). Anything else that escapes is a finding.
 */
class CorimFuzzTest {

    private static final CorimExtractor EXTRACTOR =
            new CorimExtractor(Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));

    @FuzzTest
    void corim(byte[] cbor) {
        try {
            EXTRACTOR.extract(Base64.getEncoder().encodeToString(cbor));
        } catch (InvalidRequestException refused) {
            // typed refusal
        }
    }
}
