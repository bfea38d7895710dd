package dev.arca.nvidia.rim;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.nvidia.testpki.TestRimSigner;
import java.time.Instant;
import java.util.List;

/**
 * Fuzzes the NVIDIA RIM reader (docs/fuzzing.md): an XML document is either a RIM whose signature verifies (which a
 * fuzzer will not forge) or refused with a {@link RimException}; anything else, a DOCTYPE expanded included, is a
 * finding.
 */
class RimReaderFuzzTest {

    private static final RimReader READER = new RimReader(List.of(new TestRimSigner().root()));

    @FuzzTest
    void rim(byte[] xml) {
        try {
            READER.read(xml, Instant.parse("2026-06-01T00:00:00Z"));
        } catch (RimException refused) {
            // typed refusal
        }
    }
}
