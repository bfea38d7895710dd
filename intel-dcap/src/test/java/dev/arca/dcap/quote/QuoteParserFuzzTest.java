package dev.arca.dcap.quote;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.pck.PckCertChain;

/**
 * Fuzzes SGX v3 and TDX v4/v5 quote parsing, then the PCK chain the quote carries (docs/fuzzing.md). A quote is
 * either read or refused with a {@link QuoteFormatException}; its PCK chain is either read or refused with a
 * {@link DcapVerificationException}. Anything else that escapes is a finding.
 */
class QuoteParserFuzzTest {

    @FuzzTest
    void quote(byte[] bytes) {
        Quote quote;
        try {
            quote = QuoteParser.parse(bytes);
        } catch (QuoteFormatException refused) {
            return;
        }
        // what the verifier reads next from a parsed quote must not fail untyped either
        quote.tdReport();
        quote.header().qeSvn();
        try {
            PckCertChain.parse(quote.signatureData().pckCertChainPem());
        } catch (DcapVerificationException refused) {
            // typed refusal of the embedded chain
        }
    }
}
