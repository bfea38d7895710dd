package dev.arca.attestation.verifier.tdx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.attestation.support.IntelVectors;
import dev.arca.attestation.support.IntelVerifierTestBase;
import dev.arca.attestation.support.Requests;
import dev.arca.attestation.support.TestHttp.Response;
import dev.arca.dcap.DcapVerifier;
import dev.arca.dcap.collateral.OfflineCollateralSource;
import dev.arca.dcap.collateral.QuoteCollateralBundle;
import dev.arca.model.testing.RealEvidence;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * POST /attestation with a real TD quote (Phala dcap-qvl's sample TD quote, from the real-evidence corpus of
 * docs/testing.md) verified by the {@code tdx} verifier with offline collateral: accepted as of a pinned instant inside
 * the collateral's validity, refused at today's date because the collateral has expired, refused when a byte is flipped
 * or the bindings do not hold, and a 400 when the evidence is malformed.
 */
@RealEvidence
class TdxAttestationApiTest extends IntelVerifierTestBase {

    private static ObjectNode tdx(byte[] quote) {
        return request("tdx", quoteEvidence(quote));
    }

    @Test
    void anUpToDateQuoteAtItsPinnedInstantGetsATokenWithTdxClaimsAndPolicyStatus() throws Exception {
        JsonNode cpu0 = cpu0(attest(tdx(TDX_QUOTE), IntelVectors.I2_AT));

        JsonNode evidence = cpu0.path("ear.veraison.annotated-evidence");
        assertThat(evidence.at("/tdx/quote/body/mr_td").asString()).isEqualTo(IntelVectors.TDX_MR_TD);
        assertThat(evidence.at("/tdx/quote/header/tee_type").asString()).isEqualTo("81000000");
        assertThat(evidence.at("/tdx/tcb_status").asString()).isEqualTo("UpToDate");
        assertThat(evidence.at("/tdx/advisory_ids")).isEmpty();
        assertThat(evidence.at("/tdx/td_attributes/debug").asBoolean(true)).isFalse();
        assertThat(evidence.path("report_data").asString()).isEqualTo(IntelVectors.TDX_REPORT_DATA);
        assertThat(evidence.path("init_data").asString()).isEqualTo("00".repeat(48));
        // RTMR 1 and 2 registered, no event log: executables 4; mr_td registered and UpToDate: hardware 2;
        // not debug, xfam registered: configuration 2
        assertThat(cpu0.path("ear.trustworthiness-vector").properties()).extracting(Map.Entry::getKey)
                .contains("executables", "hardware", "configuration");
        assertThat(cpu0.at("/ear.trustworthiness-vector/executables").asInt()).isEqualTo(4);
        assertThat(cpu0.at("/ear.trustworthiness-vector/hardware").asInt()).isEqualTo(2);
        assertThat(cpu0.at("/ear.trustworthiness-vector/configuration").asInt()).isEqualTo(2);
        assertThat(cpu0.path("ear.status").asString()).isEqualTo("affirming");
        assertThat(cpu0.path("arca.verified-as-of").asString()).isEqualTo(IntelVectors.I2_AT.toString());
    }

    @Test
    void theClaimsAreExactlyIntelDcapsUnderTheTeeName() throws Exception {
        ObjectNode direct = DcapVerifier.forSource(OfflineCollateralSource.builder()
                        .bundle(QuoteCollateralBundle.read(IntelVectors.path(IntelVectors.TDX_COLLATERAL))).build())
                .verifyTdx(TDX_QUOTE, Optional.empty(), Optional.empty(), Optional.empty(), IntelVectors.I2_AT)
                .claims();
        // report_data and init_data are lifted out of the TEE's claims (Trustee tcb_claims.md)
        direct.remove("report_data");
        direct.remove("init_data");

        JsonNode cpu0 = cpu0(attest(tdx(TDX_QUOTE), IntelVectors.I2_AT));

        assertThat(cpu0.at("/ear.veraison.annotated-evidence/tdx"))
                .isEqualTo(Requests.JSON.readTree(direct.toString()));
    }

    @Test
    void theSameQuoteAtTodaysDateIsRefusedBecauseItsCollateralExpired() {
        Response response = attest(tdx(TDX_QUOTE), null);

        assertProblem(response, 403, "evidence-rejected", "collateral expired (", "nextUpdate 2025-07-19",
                "verify as of an earlier instant for audits");
    }

    @Test
    void aByteFlippedQuoteIsRefusedForItsSignature() {
        byte[] flipped = TDX_QUOTE.clone();
        flipped[48 + 136] ^= 0x01; // first byte of mr_td, inside the signed header‖body

        assertProblem(attest(tdx(flipped), IntelVectors.I2_AT), 403, "evidence-rejected", "signature");
    }

    @Test
    void aTruncatedQuoteIsMalformed() {
        assertProblem(attest(tdx(Arrays.copyOf(TDX_QUOTE, 600)), IntelVectors.I2_AT), 400, "invalid-evidence",
                "malformed quote");
    }

    @Test
    void evidenceOfTheWrongShapeIsABadRequestNamingTheField() {
        ObjectNode notBase64 = quoteEvidence(TDX_QUOTE).put("quote", "%%% not base64 %%%");
        ObjectNode noQuote = quoteEvidence(TDX_QUOTE);
        noQuote.remove("quote");
        ObjectNode badEventLog = quoteEvidence(TDX_QUOTE).put("cc_eventlog", 42);
        ObjectNode sgxQuote = quoteEvidence(SGX_QUOTE);

        assertProblem(attest(tdx(TDX_QUOTE).put("evidence", Requests.b64url("[1, 2]")), IntelVectors.I2_AT),
                400, "invalid-evidence", "must be a JSON object");
        assertProblem(attest(request("tdx", notBase64), IntelVectors.I2_AT), 400, "invalid-evidence",
                "'quote' is not standard base64");
        assertProblem(attest(request("tdx", noQuote), IntelVectors.I2_AT), 400, "invalid-evidence", "'quote'");
        assertProblem(attest(request("tdx", badEventLog), IntelVectors.I2_AT), 400, "invalid-evidence",
                "'cc_eventlog'");
        assertProblem(attest(request("tdx", sgxQuote), IntelVectors.I2_AT), 400, "invalid-evidence",
                "expected a TDX quote");
    }

    @Test
    void anEmptyOrNullEventLogMeansNone() throws Exception {
        assertThat(cpu0(attest(request("tdx", quoteEvidence(TDX_QUOTE).put("cc_eventlog", "")), IntelVectors.I2_AT))
                .at("/ear.veraison.annotated-evidence/tdx").has("uefi_event_logs")).isFalse();
        assertThat(cpu0(attest(request("tdx", quoteEvidence(TDX_QUOTE).putNull("cc_eventlog")), IntelVectors.I2_AT))
                .path("ear.status").asString()).isEqualTo("affirming");
    }

    @Test
    void anEventLogThatDoesNotReplayToTheRtmrsIsRefused() {
        ObjectNode evidence = quoteEvidence(TDX_QUOTE)
                .put("cc_eventlog", IntelVectors.b64std(IntelVectors.bytes("eventlog/trustee_CCEL_data_ovmf")));

        assertProblem(attest(request("tdx", evidence), IntelVectors.I2_AT), 403, "evidence-rejected",
                "event log", "RTMR");
    }

    @Test
    void theQuoteMustBindTheRuntimeDataItIsSentWith() {
        byte[] reportData = IntelVectors.tdReportData(TDX_QUOTE);
        byte[] other = reportData.clone();
        other[63] ^= 0x01;
        ObjectNode structured = Requests.withStructured(tdx(TDX_QUOTE),
                Requests.JSON.readTree("{\"nonce\": \"n-1\", \"tee-pubkey\": {\"kty\": \"EC\"}}"));

        Response bound = attest(Requests.withRaw(tdx(TDX_QUOTE), reportData), IntelVectors.I2_AT);
        assertThat(bound.status()).as(bound.body()).isEqualTo(200);
        assertProblem(attest(Requests.withRaw(tdx(TDX_QUOTE), other), IntelVectors.I2_AT), 403, "evidence-rejected",
                "report data");
        assertProblem(attest(structured, IntelVectors.I2_AT), 403, "evidence-rejected", "report data");
    }

    @Test
    void theQuoteMustBindTheInitDataDigestInMrConfigId() throws Exception {
        ObjectNode zeros = tdx(TDX_QUOTE);
        zeros.putObject("init_data").put("init_data_digest", Requests.b64url(new byte[48]));
        ObjectNode other = tdx(TDX_QUOTE);
        other.putObject("init_data").put("init_data_digest",
                Requests.b64url(MessageDigest.getInstance("SHA-384").digest("x".getBytes())));

        assertThat(cpu0(attest(zeros, IntelVectors.I2_AT)).path("ear.status").asString()).isEqualTo("affirming");
        assertProblem(attest(other, IntelVectors.I2_AT), 403, "evidence-rejected", "init-data");
    }
}
