package dev.arca.dcap.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.dcap.Vectors;
import dev.arca.dcap.pck.PckCertChain;
import dev.arca.dcap.pck.PemCertificates;
import dev.arca.dcap.quote.QuoteParser;
import dev.arca.model.json.Hex;
import dev.arca.model.testing.RealEvidence;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The production pin against real Intel evidence: the root at the end of every PCK chain and TCB signing chain of
 * the corpus is the certificate whose fingerprint Arca pins. The pin's own rules are {@link TrustAnchorPinTest}'s.
 */
@RealEvidence
class IntelRootCaTest {

    @Test
    void thePinIsTheRootOfTheCorpus() throws Exception {
        IntelRootCa pin = IntelRootCa.pinned();
        X509Certificate inQuote = PckCertChain.parse(QuoteParser.parse(Vectors.bytes("tdx/trustee_tdx_quote_4.dat"))
                .signatureData().pckCertChainPem()).root();
        assertThat(Hex.of(EcdsaP256.sha256(inQuote.getEncoded()))).isEqualTo(IntelRootCa.INTEL_SGX_ROOT_CA_SHA256);
        assertThat(pin.isPinned(inQuote)).isTrue();
        pin.requireTrusted(inQuote, "the PCK chain's root", dev.arca.dcap.DcapVerificationException.Reason.PCK_CHAIN);
        assertThat(inQuote.getEncoded()).isEqualTo(Vectors.bytes("intel-collateral/phala_TrustedRootCA.der"));

        List<X509Certificate> signing = PemCertificates.parse(
                Vectors.bytes("intel-collateral/phala_tcb_signing_chain_2025-2032.pem"));
        assertThat(signing.getLast().getEncoded()).isEqualTo(inQuote.getEncoded());
        assertThat(pin.isPinned(signing.getFirst())).isFalse();
        assertThat(IntelRootCa.rootKeyId(inQuote)).hasSize(48);
    }
}
