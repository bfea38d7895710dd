package dev.arca.attestation.verifier.sgx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.attestation.support.IntelVectors;
import dev.arca.attestation.support.IntelVerifierTestBase;
import dev.arca.attestation.support.Requests;
import dev.arca.attestation.support.TestHttp.Response;
import dev.arca.model.testing.RealEvidence;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * POST /attestation with a real SGX quote (Phala dcap-qvl's sample SGX quote, from the real-evidence corpus of
 * docs/testing.md) verified by the {@code sgx} verifier with offline collateral, appraised by Arca's SGX rules of
 * {@code default_cpu}.
 */
@RealEvidence
class SgxAttestationApiTest extends IntelVerifierTestBase {

    private static ObjectNode sgx(byte[] quote) {
        return request("sgx", quoteEvidence(quote));
    }

    @Test
    void theQuoteAtItsPinnedInstantGetsATokenGradedByItsTcbStatus() throws Exception {
        JsonNode cpu0 = cpu0(attest(sgx(SGX_QUOTE), IntelVectors.I1_AT));

        JsonNode evidence = cpu0.path("ear.veraison.annotated-evidence");
        assertThat(evidence.at("/sgx/body/mr_enclave").asString()).isEqualTo(IntelVectors.SGX_MR_ENCLAVE);
        assertThat(evidence.at("/sgx/body/mr_signer").asString()).isEqualTo(IntelVectors.SGX_MR_SIGNER);
        assertThat(evidence.at("/sgx/tcb_status").asString()).isEqualTo("ConfigurationAndSWHardeningNeeded");
        assertThat(evidence.at("/sgx/advisory_ids")).extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("INTEL-SA-00289", "INTEL-SA-00615");
        assertThat(evidence.path("report_data").asString())
                .isEqualTo(hex(IntelVectors.sgxReportData(SGX_QUOTE)))
                .startsWith(hex("Hello, world!".getBytes()));
        // mr_enclave registered but software hardening needed: executables 32; a current platform that needs
        // configuration and hardening: hardware 3, configuration 32 → warning
        assertThat(cpu0.at("/ear.trustworthiness-vector/executables").asInt()).isEqualTo(32);
        assertThat(cpu0.at("/ear.trustworthiness-vector/hardware").asInt()).isEqualTo(3);
        assertThat(cpu0.at("/ear.trustworthiness-vector/configuration").asInt()).isEqualTo(32);
        assertThat(cpu0.path("ear.status").asString()).isEqualTo("warning");
    }

    @Test
    void theQuoteMustBindTheRuntimeDataItIsSentWith() {
        byte[] reportData = IntelVectors.sgxReportData(SGX_QUOTE);

        Response bound = attest(Requests.withRaw(sgx(SGX_QUOTE), Arrays.copyOf(reportData, 13)), IntelVectors.I1_AT);
        assertThat(bound.status()).as("'Hello, world!' zero-padded to 64 bytes: " + bound.body()).isEqualTo(200);
        assertProblem(attest(Requests.withRaw(sgx(SGX_QUOTE), "Hello, world?".getBytes()), IntelVectors.I1_AT), 403,
                "evidence-rejected", "report data");
    }

    @Test
    void todayItsCollateralHasExpired() {
        assertProblem(attest(sgx(SGX_QUOTE), null), 403, "evidence-rejected", "collateral expired (",
                "verify as of an earlier instant");
    }

    @Test
    void aTdxQuoteOrAFlippedByteIsRefused() {
        byte[] flipped = SGX_QUOTE.clone();
        flipped[48 + 64] ^= 0x01; // first byte of mr_enclave

        assertProblem(attest(sgx(TDX_QUOTE), IntelVectors.I1_AT), 400, "invalid-evidence", "expected a SGX quote");
        assertProblem(attest(sgx(flipped), IntelVectors.I1_AT), 403, "evidence-rejected", "signature");
    }
}
