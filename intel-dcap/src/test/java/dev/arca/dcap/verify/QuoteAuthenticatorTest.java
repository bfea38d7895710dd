package dev.arca.dcap.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.Vectors;
import dev.arca.dcap.quote.QuoteParser;
import dev.arca.dcap.trust.IntelRootCa;
import dev.arca.model.testing.RealEvidence;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Quote signature, QE report and PCK chain checks (all four hold for every real quote) and go-tdx-guest's
 * byte-flip negatives (go-tdx-guest TestNegativeVerification).
 */
@RealEvidence
class QuoteAuthenticatorTest {

    /** Inside the validity of every PCK in the corpus. */
    private static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");

    private final QuoteAuthenticator authenticator = new QuoteAuthenticator(IntelRootCa.pinned());

    @ParameterizedTest
    @ValueSource(strings = {"tdx/trustee_tdx_quote_4.dat", "tdx/trustee_tdx_quote_5.dat", "tdx/trustee_tdx_quote_6.dat",
        "tdx/gotdx_tdx_prod_quote_SPR_E4.dat", "tdx/gotdx_quote_v5_sample.dat", "tdx/gotdx_cos-113-tdx-quote.dat",
        "tdx/phala_tdx_quote", "tdx/phala_tdx_quote_outdated", "sgx/phala_sgx_quote", "sgx/trustee_occlum_quote.dat"})
    void everyQuoteInTheCorpusAuthenticates(String file) throws Exception {
        AuthenticatedQuote quote = authenticator.authenticate(QuoteParser.parse(Vectors.bytes(file)), AT);
        assertThat(IntelRootCa.pinned().isPinned(quote.pckChain().root())).isTrue();
        assertThat(quote.rootKeyId()).hasSize(96);
    }

    /** Offsets in the original file, as go-tdx-guest's TestNegativeVerification lists them. */
    @ParameterizedTest
    @CsvSource({
        "0x1343, PCK_CHAIN",   // PCK chain unparsable
        "0x1329, PCK_CHAIN",   // root certificate signature
        "0xF5F, PCK_CHAIN",    // intermediate certificate signature
        "0xB77, PCK_CHAIN",    // PCK leaf signature
        "0x1E, SIGNATURE",     // quote signature (header byte)
        "0x3C, SIGNATURE"})    // quote signature (body byte)
    void byteFlipsOfTheSapphireRapidsQuoteAreRefusedForTheRightReason(String offset, Reason reason) {
        byte[] quote = Vectors.bytes("tdx/gotdx_tdx_prod_quote_SPR_E4.dat");
        quote[Integer.decode(offset)] = 0x32;
        assertThatThrownBy(() -> authenticator.authenticate(QuoteParser.parse(quote), Vectors.I7_AT))
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(reason);
    }

    @Test
    void aFlipInTheQeReportBreaksTheQeSignature() {
        byte[] quote = Vectors.bytes("tdx/trustee_tdx_quote_4.dat");
        quote[QeOffsets.V4_QE_REPORT + 100] ^= 1;
        assertThatThrownBy(() -> authenticator.authenticate(QuoteParser.parse(quote), AT))
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.QE_SIGNATURE);
    }

    @Test
    void aFlipInTheQeReportSignatureBreaksTheQeSignature() {
        byte[] quote = Vectors.bytes("sgx/phala_sgx_quote");
        quote[QeOffsets.V3_QE_REPORT + 384 + 10] ^= 1;
        assertThatThrownBy(() -> authenticator.authenticate(QuoteParser.parse(quote), AT))
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.QE_SIGNATURE);
    }

    @Test
    void aSwappedAttestationKeyIsNotBoundByTheQeReport() {
        byte[] quote = Vectors.bytes("tdx/trustee_tdx_quote_4.dat");
        quote[QeOffsets.V4_ATTESTATION_KEY + 5] ^= 1;
        assertThatThrownBy(() -> authenticator.authenticate(QuoteParser.parse(quote), AT))
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.QE_REPORT_DATA);
    }

    @Test
    void alteredQeAuthDataIsNotBoundByTheQeReport() {
        byte[] quote = Vectors.bytes("tdx/gotdx_quote_v5_sample.dat");
        // v5: header 48 + descriptor 6 + body 648 + length 4 + sig 64 + key 64 + type/size 6 + QE report 384 + sig 64
        int authData = 48 + 6 + 648 + 4 + 64 + 64 + 6 + 384 + 64 + 2;
        quote[authData] ^= 1;
        assertThatThrownBy(() -> authenticator.authenticate(QuoteParser.parse(quote), AT))
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.QE_REPORT_DATA);
    }

    @Test
    void aFlipInTheQuoteSignatureIsRefused() {
        byte[] quote = Vectors.bytes("sgx/trustee_occlum_quote.dat");
        quote[48 + 384 + 4 + 7] ^= 1;
        assertThatThrownBy(() -> authenticator.authenticate(QuoteParser.parse(quote), AT))
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.SIGNATURE);
    }

    @Test
    void thePckChainMustBeValidAtTheInstant() {
        // go-tdx-guest: at 2053-07-01 "certificate has expired ... after 2029-09-20T13:20:31Z"
        assertThatThrownBy(() -> authenticator.authenticate(
                QuoteParser.parse(Vectors.bytes("tdx/gotdx_tdx_prod_quote_SPR_E4.dat")),
                Instant.parse("2053-07-01T00:00:00Z")))
                .hasMessageContaining("expired at 2029-09-20T13:20:31Z")
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.PCK_CHAIN);
        assertThatThrownBy(() -> authenticator.authenticate(
                QuoteParser.parse(Vectors.bytes("tdx/gotdx_quote_v5_sample.dat")), Vectors.I7_AT))
                .hasMessageContaining("not yet valid")
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.PCK_CHAIN);
    }

    /** Once a quote's PCK chain and attestation key are remembered, the per-quote signatures are still checked. */
    @Test
    void rememberedKeysAndChainsStillRefuseAlteredQuotes() throws Exception {
        byte[] genuine = Vectors.bytes("tdx/trustee_tdx_quote_4.dat");
        authenticator.authenticate(QuoteParser.parse(genuine), AT);
        authenticator.authenticate(QuoteParser.parse(genuine), AT);

        byte[] body = genuine.clone();
        body[48 + 100] ^= 1;
        byte[] quoteSignature = genuine.clone();
        quoteSignature[48 + 584 + 4 + 3] ^= 1;
        byte[] qeReport = genuine.clone();
        qeReport[QeOffsets.V4_QE_REPORT + 100] ^= 1;
        byte[] attestationKey = genuine.clone();
        attestationKey[QeOffsets.V4_ATTESTATION_KEY + 5] ^= 1;
        assertThatThrownBy(() -> authenticator.authenticate(QuoteParser.parse(body), AT))
                .extracting(e -> ((DcapVerificationException) e).reason()).isEqualTo(Reason.SIGNATURE);
        assertThatThrownBy(() -> authenticator.authenticate(QuoteParser.parse(quoteSignature), AT))
                .extracting(e -> ((DcapVerificationException) e).reason()).isEqualTo(Reason.SIGNATURE);
        assertThatThrownBy(() -> authenticator.authenticate(QuoteParser.parse(qeReport), AT))
                .extracting(e -> ((DcapVerificationException) e).reason()).isEqualTo(Reason.QE_SIGNATURE);
        assertThatThrownBy(() -> authenticator.authenticate(QuoteParser.parse(attestationKey), AT))
                .extracting(e -> ((DcapVerificationException) e).reason()).isEqualTo(Reason.QE_REPORT_DATA);
        assertThatThrownBy(() -> authenticator.authenticate(QuoteParser.parse(genuine),
                Instant.parse("2053-07-01T00:00:00Z")))
                .extracting(e -> ((DcapVerificationException) e).reason()).isEqualTo(Reason.PCK_CHAIN);
        // and the genuine quote still authenticates, with its own chain
        AuthenticatedQuote again = authenticator.authenticate(QuoteParser.parse(genuine), AT);
        assertThat(again.pckChain().pem()).isEqualTo(QuoteParser.parse(genuine).signatureData().pckCertChainPem());
    }

    /** Quotes of several platforms through one authenticator: each is checked with its own keys and chain. */
    @Test
    void quotesOfSeveralPlatformsInterleaved() throws Exception {
        String[] files = {"tdx/phala_tdx_quote", "sgx/phala_sgx_quote", "tdx/trustee_tdx_quote_4.dat",
            "tdx/gotdx_tdx_prod_quote_SPR_E4.dat"};
        for (int round = 0; round < 6; round++) {
            for (String file : files) {
                byte[] quote = Vectors.bytes(file);
                AuthenticatedQuote authenticated = authenticator.authenticate(QuoteParser.parse(quote), AT);
                assertThat(authenticated.pckChain().pem())
                        .isEqualTo(QuoteParser.parse(quote).signatureData().pckCertChainPem());
                quote[48 + 20] ^= 1;
                assertThatThrownBy(() -> authenticator.authenticate(QuoteParser.parse(quote), AT))
                        .as(file).extracting(e -> ((DcapVerificationException) e).reason())
                        .isEqualTo(Reason.SIGNATURE);
            }
        }
    }

    /**
     * Byte offsets inside v3/v4 quotes for flips (Intel SGX ECDSA Quote Library API; TDX QGL/QVL API spec Appendix A).
     */
    static final class QeOffsets {
        /** v4: header 48 + body 584 + length 4; then quote signature 64. */
        static final int V4_ATTESTATION_KEY = 48 + 584 + 4 + 64;
        /** v4: after the attestation key, the type-6 header (2 + 4). */
        static final int V4_QE_REPORT = V4_ATTESTATION_KEY + 64 + 6;
        /** v3: header 48 + body 384 + length 4 + signature 64 + key 64. */
        static final int V3_QE_REPORT = 48 + 384 + 4 + 64 + 64;

        private QeOffsets() {
        }
    }
}
