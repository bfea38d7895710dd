package dev.arca.dcap.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.Vectors;
import dev.arca.dcap.quote.QuoteFormatException;
import dev.arca.dcap.quote.QuoteParser;
import dev.arca.model.testing.RealEvidence;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The PCK chain cache: a chain is served from it only for its exact bytes, failures are not remembered, and the
 * certificates' validity is checked at every instant even for a remembered chain.
 */
@RealEvidence
class PckChainVerifierTest {

    /** Inside the validity of every PCK in the corpus. */
    private static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");
    private static final String SPR = "tdx/gotdx_tdx_prod_quote_SPR_E4.dat";

    private final PckChainVerifier verifier = new PckChainVerifier(dev.arca.dcap.trust.IntelRootCa.pinned());

    private static byte[] pem(byte[] quote) throws QuoteFormatException {
        return QuoteParser.parse(quote).signatureData().pckCertChainPem();
    }

    private static byte[] pem(String file) throws QuoteFormatException {
        return pem(Vectors.bytes(file));
    }

    @Test
    void aVerifiedChainIsServedAgainOnlyForItsExactBytes() throws Exception {
        VerifiedPckChain spr = verifier.verify(pem(SPR), AT);
        assertThat(verifier.verify(pem(SPR), AT)).isSameAs(spr);
        assertThat(verifier.size()).isEqualTo(1);

        VerifiedPckChain other = verifier.verify(pem("tdx/trustee_tdx_quote_4.dat"), AT);
        assertThat(other).isNotSameAs(spr);
        assertThat(other.chain().leaf().getSerialNumber()).isNotEqualTo(spr.chain().leaf().getSerialNumber());
        assertThat(verifier.size()).isEqualTo(2);
    }

    @Test
    void aChainThatDiffersInOneByteIsVerifiedAnewAndRefused() throws Exception {
        verifier.verify(pem(SPR), AT);
        // go-tdx-guest's negatives: 0xB77 breaks the PCK leaf signature, 0xF5F the intermediate's
        for (int offset : new int[] {0xB77, 0xF5F}) {
            byte[] quote = Vectors.bytes(SPR);
            quote[offset] = 0x32;
            byte[] flipped = pem(quote);
            assertThatThrownBy(() -> verifier.verify(flipped, AT))
                    .extracting(e -> ((DcapVerificationException) e).reason())
                    .isEqualTo(Reason.PCK_CHAIN);
            // a refusal is not remembered: the same bytes are refused again, not served
            assertThatThrownBy(() -> verifier.verify(flipped, AT)).isInstanceOf(DcapVerificationException.class);
        }
        assertThat(verifier.size()).isEqualTo(1);
    }

    @Test
    void aRememberedChainIsRefusedAtAnInstantOutsideItsCertificatesValidity() throws Exception {
        VerifiedPckChain chain = verifier.verify(pem(SPR), AT);
        List<X509Certificate> certificates = List.of(chain.chain().leaf(), chain.chain().intermediate(),
                chain.chain().root());
        Instant firstExpiry = certificates.stream().map(c -> c.getNotAfter().toInstant())
                .min(Comparator.naturalOrder()).orElseThrow();
        Instant lastStart = certificates.stream().map(c -> c.getNotBefore().toInstant())
                .max(Comparator.naturalOrder()).orElseThrow();

        // notAfter is inclusive (RFC 5280 §4.1.2.5)
        assertThat(verifier.verify(pem(SPR), firstExpiry)).isSameAs(chain);
        assertThatThrownBy(() -> verifier.verify(pem(SPR), firstExpiry.plusSeconds(1)))
                .hasMessageContaining("expired at " + firstExpiry)
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.PCK_CHAIN);
        assertThatThrownBy(() -> verifier.verify(pem(SPR), lastStart.minusSeconds(1)))
                .hasMessageContaining("not yet valid")
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.PCK_CHAIN);
        // and back inside the window it is served again
        assertThat(verifier.verify(pem(SPR), AT)).isSameAs(chain);
        assertThat(verifier.size()).isEqualTo(1);
    }
}
