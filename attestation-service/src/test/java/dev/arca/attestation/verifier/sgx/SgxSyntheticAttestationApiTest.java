package dev.arca.attestation.verifier.sgx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.attestation.support.Requests;
import dev.arca.attestation.support.SyntheticIntelTestBase;
import dev.arca.attestation.support.TestHttp.Response;
import dev.arca.dcap.testpki.QuoteBuilder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * POST /attestation with SGX quotes of a synthetic platform signed by a test PKI, verified by the {@code sgx}
 * verifier with offline collateral under the same, pinned, test root.
 */
class SgxSyntheticAttestationApiTest extends SyntheticIntelTestBase {

    private static ObjectNode sgx(byte[] quote) {
        return request("sgx", quoteEvidence(quote));
    }

    @Test
    void anUpToDateEnclaveGetsATokenWithSgxClaims() throws Exception {
        JsonNode cpu0 = cpu0(attest(sgx(PLATFORM.sgxV3().build()), AT));

        JsonNode evidence = cpu0.path("ear.veraison.annotated-evidence");
        assertThat(evidence.at("/sgx/body/mr_enclave").asString()).isEqualTo("33".repeat(32));
        assertThat(evidence.at("/sgx/body/mr_signer").asString()).isEqualTo("81".repeat(32));
        assertThat(evidence.at("/sgx/tcb_status").asString()).isEqualTo("UpToDate");
        assertThat(evidence.at("/sgx/advisory_ids")).isEmpty();
        assertThat(cpu0.path("ear.status").asString()).isEqualTo("affirming");
    }

    @Test
    void anOutdatedPlatformIsGradedByItsTcbStatus() throws Exception {
        JsonNode cpu0 = cpu0(attest(sgx(OUTDATED.sgxV3().build()), AT));
        assertThat(cpu0.at("/ear.veraison.annotated-evidence/sgx/tcb_status").asString()).isEqualTo("OutOfDate");
        assertThat(cpu0.at("/ear.veraison.annotated-evidence/sgx/advisory_ids")).extracting(JsonNode::asString)
                .containsExactly("INTEL-SA-00837");
        assertThat(cpu0.path("ear.status").asString()).isNotEqualTo("affirming");
    }

    @Test
    void theQuoteMustBindTheRuntimeDataItIsSentWith() {
        byte[] reportData = Arrays.copyOf("Hello, world!".getBytes(), 64);
        byte[] quote = PLATFORM.sgxV3().reportData(reportData).build();

        Response bound = attest(Requests.withRaw(sgx(quote), Arrays.copyOf(reportData, 13)), AT);
        assertThat(bound.status()).as("'Hello, world!' zero-padded to 64 bytes: " + bound.body()).isEqualTo(200);
        assertProblem(attest(Requests.withRaw(sgx(quote), "Hello, world?".getBytes()), AT), 403,
                "evidence-rejected", "report data");
    }

    @Test
    void afterTheCollateralsNextUpdateItHasExpired() {
        assertProblem(attest(sgx(PLATFORM.sgxV3().build()), AFTER_NEXT_UPDATE), 403, "evidence-rejected",
                "collateral expired (", "verify as of an earlier instant");
    }

    @Test
    void aTdxQuoteAFlippedByteOrAnotherRootIsRefused() {
        QuoteBuilder builder = PLATFORM.sgxV3();
        byte[] flipped = builder.build();
        flipped[builder.bodyOffset() + QuoteBuilder.SGX_MR_ENCLAVE] ^= 0x01;

        assertProblem(attest(sgx(PLATFORM.tdxV4().build()), AT), 400, "invalid-evidence", "expected a SGX quote");
        assertProblem(attest(sgx(flipped), AT), 403, "evidence-rejected", "signature");
        assertProblem(attest(sgx(FOREIGN.sgxV3().build()), AT), 403, "evidence-rejected", "not a trusted root");
        assertProblem(attest(sgx(QuoteBuilder.sgxV3(REVOKED_PCK, PLATFORM.profile()).build()), AT), 403,
                "evidence-rejected", "revoked");
    }
}
