package dev.arca.snp.cert;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.snp.SnpVerificationException;

/**
 * Fuzzes what the evidence's certificate table, the KDS and the offline directory deliver (docs/fuzzing.md): a
 * VCEK/VLEK with its AMD extensions, certificate bundles and CRLs. Each is read or refused with
 * {@link SnpVerificationException}; anything else that escapes is a finding.
 */
class EndorsementKeyFuzzTest {

    @FuzzTest
    void certificate(byte[] der) {
        try {
            EndorsementKeyParser.parse(der);
        } catch (SnpVerificationException refused) {
            // typed refusal
        }
        try {
            for (var certificate : Certificates.all(der, "fuzz")) {
                Certificates.commonName(certificate);
            }
        } catch (SnpVerificationException refused) {
            // typed refusal
        }
        try {
            Certificates.crl(der, "fuzz");
        } catch (SnpVerificationException refused) {
            // typed refusal
        }
    }
}
