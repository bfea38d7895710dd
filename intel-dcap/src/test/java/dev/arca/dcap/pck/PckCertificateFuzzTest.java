package dev.arca.dcap.pck;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.dcap.DcapVerificationException;
import java.security.cert.CertificateException;

/**
 * Fuzzes what a quote's certification data and the PCS issuer-chain headers carry (docs/fuzzing.md): a PEM
 * certificate chain, the PCK chain built from it, and the SGX extension of a PCK leaf. Each is either read or refused
 * with its typed exception; anything else that escapes is a finding.
 */
class PckCertificateFuzzTest {

    @FuzzTest
    void pemChain(byte[] pem) {
        try {
            PemCertificates.parse(pem);
        } catch (CertificateException refused) {
            // typed refusal
        }
        try {
            PckCertChain.parse(pem);
        } catch (DcapVerificationException refused) {
            // typed refusal
        }
    }

    /** The DER of the extension's value (the SEQUENCE inside the extnValue OCTET STRING). */
    @FuzzTest
    void sgxExtension(byte[] der) {
        try {
            SgxExtensionParser.parseValue(der);
        } catch (DcapVerificationException refused) {
            // typed refusal
        }
    }
}
