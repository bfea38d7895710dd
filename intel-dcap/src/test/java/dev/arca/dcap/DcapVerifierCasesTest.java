package dev.arca.dcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.collateral.CollateralSource;
import dev.arca.dcap.collateral.TcbStatus;
import dev.arca.model.testing.RealEvidence;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Intel verification cases I1–I9 on the real-evidence corpus (docs/testing.md), each at its pinned instant. */
@RealEvidence
class DcapVerifierCasesTest {

    private static DcapVerificationResult tdx(CollateralSource source, CrlPolicy policy, String quote, Instant at)
            throws DcapVerificationException {
        return DcapVerifier.forSource(source, policy).verifyTdx(Vectors.bytes(quote), Optional.empty(),
                Optional.empty(), Optional.empty(), at);
    }

    @Test
    void i1SgxQuoteIsConfigurationAndSwHardeningNeeded() throws Exception {
        DcapVerificationResult result = DcapVerifier.forSource(CollateralSource.fixed(
                Vectors.bundle("phala_sgx_quote_collateral.json"))).verifySgx(Vectors.bytes("sgx/phala_sgx_quote"),
                Optional.empty(), Optional.empty(), Vectors.I1_AT);

        assertThat(result.tcbStatus()).isEqualTo(TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED);
        assertThat(result.advisoryIds()).containsExactly("INTEL-SA-00289", "INTEL-SA-00615");
        assertThat(result.claims().get("tcb_status").stringValue()).isEqualTo("ConfigurationAndSWHardeningNeeded");
        assertThat(result.claims().get("body").get("mr_enclave").stringValue())
                .isEqualTo("33d8736db756ed4997e04ba358d27833188f1932ff7b1d156904d3f560452fbb");
        assertThat(result.claims().has("platform_instance_id")).isFalse();
        assertThat(result.claims().get("sgx_type").stringValue()).isEqualTo("Standard");
    }

    @Test
    void i2TdxQuoteIsUpToDate() throws Exception {
        DcapVerificationResult result = tdx(CollateralSource.fixed(Vectors.bundle("phala_tdx_quote_collateral.json")),
                CrlPolicy.REQUIRE, "tdx/phala_tdx_quote", Vectors.I2_AT);

        assertThat(result.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(result.advisoryIds()).isEmpty();
        assertThat(result.tcbDate()).isEqualTo(Instant.parse("2024-03-13T00:00:00Z"));
        assertThat(result.claims().get("collateral_expiration_status").stringValue()).isEqualTo("0");
        assertThat(result.claims().get("pck_crl_num").isNumber()).isTrue();
        assertThat(result.claims().get("tcb_eval_num").intValue()).isEqualTo(17);
    }

    @Test
    void i2AtTodayIsRefusedAsExpiredCollateral() {
        assertThatThrownBy(() -> tdx(CollateralSource.fixed(Vectors.bundle("phala_tdx_quote_collateral.json")),
                CrlPolicy.REQUIRE, "tdx/phala_tdx_quote", Vectors.NOW))
                .isInstanceOf(CollateralExpiredException.class)
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.COLLATERAL_EXPIRED);
    }

    @Test
    void i3OutdatedQuoteHasNoMatchingTcbLevel() {
        assertThatThrownBy(() -> tdx(CollateralSource.fixed(
                Vectors.bundle("phala_tdx_quote_outdated_collateral.json")), CrlPolicy.REQUIRE,
                "tdx/phala_tdx_quote_outdated", Vectors.I3_AT))
                .isInstanceOf(DcapVerificationException.class)
                .hasMessageContaining("TCB_NOT_SUPPORTED")
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.TCB_NOT_MATCHED);
    }

    @Test
    void i4V5SampleIsUpToDateWithTheOutdatedBundle() throws Exception {
        DcapVerificationResult result = tdx(CollateralSource.fixed(
                Vectors.bundle("phala_tdx_quote_outdated_collateral.json")), CrlPolicy.REQUIRE,
                "tdx/gotdx_quote_v5_sample.dat", Vectors.I3_AT);

        assertThat(result.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(result.tcbDate()).isEqualTo(Instant.parse("2024-11-13T00:00:00Z"));
        assertThat(result.claims().get("quote").get("type").stringValue()).isEqualTo("0300");
    }

    @Test
    void i5TrusteeV5QuoteHasNoMatchingTcbLevel() {
        assertThatThrownBy(() -> tdx(CollateralSource.fixed(
                Vectors.bundle("phala_tdx_quote_outdated_collateral.json")), CrlPolicy.REQUIRE,
                "tdx/trustee_tdx_quote_5.dat", Vectors.I3_AT))
                .isInstanceOf(DcapVerificationException.class)
                .hasMessageContaining("TCB_NOT_SUPPORTED")
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.TCB_NOT_MATCHED);
    }

    @Test
    void i6V5SampleIsUpToDateWithTheV5TcbInfo() throws Exception {
        DcapVerificationResult result = tdx(Vectors.i6(), CrlPolicy.CHECK_IF_PRESENT,
                "tdx/gotdx_quote_v5_sample.dat", Vectors.I6_AT);

        assertThat(result.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(result.claims().has("pck_crl_num")).isFalse();
    }

    @Test
    void i6TrusteeV5QuoteHasNoMatchingTcbLevel() {
        assertThatThrownBy(() -> tdx(Vectors.i6(), CrlPolicy.CHECK_IF_PRESENT, "tdx/trustee_tdx_quote_5.dat",
                Vectors.I6_AT))
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.TCB_NOT_MATCHED);
    }

    @Test
    void i6WithoutCrlsIsRefusedWhenCrlsAreRequired() {
        assertThatThrownBy(() -> tdx(Vectors.i6(), CrlPolicy.REQUIRE, "tdx/gotdx_quote_v5_sample.dat",
                Vectors.I6_AT))
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.COLLATERAL_UNAVAILABLE);
    }

    @Test
    void i7SapphireRapidsQuoteHasNoMatchingTcbLevel() {
        assertThatThrownBy(() -> tdx(Vectors.gotdx2023("gotdx_tcb_signing_chain_2018-2025.pem"), CrlPolicy.REQUIRE,
                "tdx/gotdx_tdx_prod_quote_SPR_E4.dat", Vectors.I7_AT))
                .hasMessageContaining("TCB_NOT_SUPPORTED")
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.TCB_NOT_MATCHED);
    }

    @Test
    void i7WithTheReissuedSigningChainIsRefusedAsNotYetValid() {
        assertThatThrownBy(() -> tdx(Vectors.gotdx2023("phala_tcb_signing_chain_2025-2032.pem"), CrlPolicy.REQUIRE,
                "tdx/gotdx_tdx_prod_quote_SPR_E4.dat", Vectors.I7_AT))
                .hasMessageContaining("not yet valid")
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.COLLATERAL_INVALID);
    }

    @Test
    void i8TrusteeQuote4IsUpToDateAndDebug() throws Exception {
        DcapVerificationResult result = tdx(Vectors.gotdx2023("gotdx_tcb_signing_chain_2018-2025.pem"),
                CrlPolicy.REQUIRE, "tdx/trustee_tdx_quote_4.dat", Vectors.I7_AT);

        assertThat(result.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(result.tcbDate()).isEqualTo(Instant.parse("2023-02-15T00:00:00Z"));
        assertThat(result.claims().get("td_attributes").get("debug").booleanValue()).isTrue();
        assertThat(result.claims().get("root_ca_crl_num").intValue()).isEqualTo(1);
    }

    @Test
    void i9TrusteeQuote6IsOutOfDate() throws Exception {
        DcapVerificationResult result = tdx(Vectors.i9(), CrlPolicy.CHECK_IF_PRESENT, "tdx/trustee_tdx_quote_6.dat",
                Vectors.I9_AT);

        assertThat(result.tcbStatus()).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(result.advisoryIds()).isEmpty();
        assertThat(result.tcbDate()).isEqualTo(Instant.parse("2018-01-04T00:00:00Z"));
        assertThat(result.claims().get("sgx_type").stringValue()).isEqualTo("Scalable with Integrity");
        assertThat(result.claims().has("is_dynamic_platform")).isTrue();
    }
}
