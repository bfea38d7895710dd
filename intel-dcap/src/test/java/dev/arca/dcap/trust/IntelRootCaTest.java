package dev.arca.dcap.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.dcap.Vectors;
import dev.arca.dcap.pck.PckCertChain;
import dev.arca.dcap.pck.PemCertificates;
import dev.arca.dcap.quote.QuoteParser;
import dev.arca.model.json.Hex;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped, pinned Intel SGX Root CA (vectors/MANIFEST.md §3 "phala_TrustedRootCA.der"). */
class IntelRootCaTest {

    @Test
    void isTheRootOfTheCorpus() throws Exception {
        IntelRootCa root = IntelRootCa.pinned();
        assertThat(Hex.of(EcdsaP256.sha256(root.certificate().getEncoded())))
                .isEqualTo("44a0196b2b99f889b8e149e95b807a350e7424964399e885a7cbb8ccfab674d3");
        assertThat(root.certificate().getEncoded())
                .isEqualTo(Vectors.bytes("intel-collateral/phala_TrustedRootCA.der"));
        // identical to the root in every quote's PCK chain and in the TCB signing chains
        X509Certificate inQuote = PckCertChain.parse(QuoteParser.parse(Vectors.bytes("tdx/trustee_tdx_quote_4.dat"))
                .signatureData().pckCertChainPem()).root();
        assertThat(inQuote.getEncoded()).isEqualTo(root.certificate().getEncoded());
        List<X509Certificate> signing = PemCertificates.parse(
                Vectors.bytes("intel-collateral/phala_tcb_signing_chain_2025-2032.pem"));
        assertThat(signing.getLast().getEncoded()).isEqualTo(root.certificate().getEncoded());
        assertThat(root.hasPinnedKey(signing.getFirst())).isFalse();
        assertThat(root.rootKeyId()).hasSize(48);
    }
}
