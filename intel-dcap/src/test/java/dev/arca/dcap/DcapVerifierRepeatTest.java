package dev.arca.dcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.collateral.CollateralSource;
import dev.arca.model.testing.RealEvidence;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Repeated appraisals through one verifier (the steady state: chain, keys and collateral remembered) give exactly
 * the result of a first appraisal, and what depends on the instant is judged at each instant.
 */
@RealEvidence
class DcapVerifierRepeatTest {

    @Test
    void repeatedTdxAppraisalsEqualTheFirst() throws Exception {
        byte[] quote = Vectors.bytes("tdx/phala_tdx_quote");
        DcapVerifier warm = DcapVerifier.forSource(CollateralSource.fixed(
                Vectors.bundle("phala_tdx_quote_collateral.json")));
        DcapVerificationResult first = warm.verifyTdx(quote, Optional.empty(), Optional.empty(), Optional.empty(),
                Vectors.I2_AT);
        for (int i = 0; i < 8; i++) {
            DcapVerificationResult again = warm.verifyTdx(quote, Optional.empty(), Optional.empty(), Optional.empty(),
                    Vectors.I2_AT);
            assertThat(again.claims()).isEqualTo(first.claims());
            assertThat(again.tcbStatus()).isEqualTo(first.tcbStatus());
        }
        DcapVerifier cold = DcapVerifier.forSource(CollateralSource.fixed(
                Vectors.bundle("phala_tdx_quote_collateral.json")));
        assertThat(cold.verifyTdx(quote, Optional.empty(), Optional.empty(), Optional.empty(), Vectors.I2_AT)
                .claims()).isEqualTo(first.claims());
    }

    @Test
    void repeatedSgxAppraisalsEqualTheFirst() throws Exception {
        byte[] quote = Vectors.bytes("sgx/phala_sgx_quote");
        DcapVerifier verifier = DcapVerifier.forSource(CollateralSource.fixed(
                Vectors.bundle("phala_sgx_quote_collateral.json")));
        DcapVerificationResult first = verifier.verifySgx(quote, Optional.empty(), Optional.empty(), Vectors.I1_AT);
        for (int i = 0; i < 8; i++) {
            assertThat(verifier.verifySgx(quote, Optional.empty(), Optional.empty(), Vectors.I1_AT).claims())
                    .isEqualTo(first.claims());
        }
    }

    @Test
    void aWarmVerifierStillJudgesEveryInstant() throws Exception {
        byte[] quote = Vectors.bytes("tdx/phala_tdx_quote");
        DcapVerifier verifier = DcapVerifier.forSource(CollateralSource.fixed(
                Vectors.bundle("phala_tdx_quote_collateral.json")));
        verifier.verifyTdx(quote, Optional.empty(), Optional.empty(), Optional.empty(), Vectors.I2_AT);

        // past the PCK certificates: the remembered chain is refused
        assertThatThrownBy(() -> verifier.verifyTdx(quote, Optional.empty(), Optional.empty(), Optional.empty(),
                Instant.parse("2053-07-01T00:00:00Z")))
                .extracting(e -> ((DcapVerificationException) e).reason()).isEqualTo(Reason.PCK_CHAIN);
        // inside the certificates but past the collateral's nextUpdate: expired collateral
        assertThatThrownBy(() -> verifier.verifyTdx(quote, Optional.empty(), Optional.empty(), Optional.empty(),
                Vectors.NOW))
                .isInstanceOf(CollateralExpiredException.class);
        verifier.verifyTdx(quote, Optional.empty(), Optional.empty(), Optional.empty(), Vectors.I2_AT);
    }
}
