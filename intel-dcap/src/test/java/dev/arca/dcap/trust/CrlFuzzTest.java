package dev.arca.dcap.trust;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.dcap.DcapVerificationException;

/**
 * Fuzzes CRL decoding as PCS/PCCS serve CRLs: DER, hex of DER, or PEM (docs/fuzzing.md). A CRL is either decoded or
 * refused with a {@link DcapVerificationException}; anything else that escapes is a finding.
 */
class CrlFuzzTest {

    @FuzzTest
    void crl(byte[] bytes) {
        try {
            Crls.decode(bytes);
        } catch (DcapVerificationException refused) {
            // typed refusal
        }
    }
}
