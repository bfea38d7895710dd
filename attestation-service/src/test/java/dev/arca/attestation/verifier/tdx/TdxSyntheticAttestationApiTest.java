package dev.arca.attestation.verifier.tdx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.attestation.support.Requests;
import dev.arca.attestation.support.SyntheticIntelTestBase;
import dev.arca.attestation.support.TestHttp.Response;
import dev.arca.dcap.CrlPolicy;
import dev.arca.dcap.DcapVerifier;
import dev.arca.dcap.collateral.CollateralSource;
import dev.arca.dcap.testpki.CcelBuilder;
import dev.arca.dcap.testpki.QuoteBuilder;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * POST /attestation with TD quotes of a synthetic platform signed by a test PKI, verified by the {@code tdx} verifier
 * with offline collateral signed by the same PKI and the AS pinning its root: every outcome the service maps —
 * token, expired collateral, revoked PCK, untrusted root, flipped byte, truncation, bindings, event log.
 */
class TdxSyntheticAttestationApiTest extends SyntheticIntelTestBase {

    private static ObjectNode tdx(byte[] quote) {
        return request("tdx", quoteEvidence(quote));
    }

    @Test
    void anUpToDateQuoteGetsATokenWithTdxClaimsAndPolicyStatus() throws Exception {
        JsonNode cpu0 = cpu0(attest(tdx(PLATFORM.tdxV4().build()), AT));

        JsonNode evidence = cpu0.path("ear.veraison.annotated-evidence");
        assertThat(evidence.at("/tdx/quote/body/mr_td").asString()).isEqualTo("7d".repeat(48));
        assertThat(evidence.at("/tdx/quote/header/tee_type").asString()).isEqualTo("81000000");
        assertThat(evidence.at("/tdx/tcb_status").asString()).isEqualTo("UpToDate");
        assertThat(evidence.at("/tdx/advisory_ids")).isEmpty();
        assertThat(evidence.at("/tdx/td_attributes/debug").asBoolean(true)).isFalse();
        // RTMR 1 and 2 registered, no event log: executables 4; mr_td registered and UpToDate: hardware 2;
        // not debug, xfam registered: configuration 2
        assertThat(cpu0.path("ear.trustworthiness-vector").properties()).extracting(Map.Entry::getKey)
                .contains("executables", "hardware", "configuration");
        assertThat(cpu0.at("/ear.trustworthiness-vector/executables").asInt()).isEqualTo(4);
        assertThat(cpu0.at("/ear.trustworthiness-vector/hardware").asInt()).isEqualTo(2);
        assertThat(cpu0.at("/ear.trustworthiness-vector/configuration").asInt()).isEqualTo(2);
        assertThat(cpu0.path("ear.status").asString()).isEqualTo("affirming");
        assertThat(cpu0.path("arca.verified-as-of").asString()).isEqualTo(AT.toString());
    }

    @Test
    void aV5QuoteWithATd15BodyIsVerifiedToo() throws Exception {
        JsonNode evidence = cpu0(attest(tdx(PLATFORM.tdxV5().build()), AT)).path("ear.veraison.annotated-evidence");
        assertThat(evidence.at("/tdx/quote/type").asString()).isEqualTo("0300");
        assertThat(evidence.at("/tdx/quote/body/tee_tcb_svn2").asString()).isNotBlank();
    }

    @Test
    void theClaimsAreExactlyIntelDcapsUnderTheTeeName() throws Exception {
        byte[] quote = PLATFORM.tdxV4().build();
        ObjectNode direct = DcapVerifier.forSource(CollateralSource.fixed(PLATFORM.collateral(
                        PLATFORM.pki().signCollateral(PLATFORM.tdxTcbInfo().json()),
                        PLATFORM.pki().signCollateral(PLATFORM.tdxQeIdentity().json()),
                        PLATFORM.pckCrl(REVOKED_PCK.serial()), PLATFORM.rootCaCrl())), CrlPolicy.REQUIRE,
                        PLATFORM.pki().trustAnchor())
                .verifyTdx(quote, Optional.empty(), Optional.empty(), Optional.empty(), AT).claims();
        direct.remove("report_data");
        direct.remove("init_data");
        // the CRL numbers are the served CRLs' (ours were issued separately), the rest is identical
        JsonNode tdxClaims = cpu0(attest(tdx(quote), AT)).at("/ear.veraison.annotated-evidence/tdx");
        ObjectNode served = (ObjectNode) Requests.JSON.readTree(tdxClaims.toString());
        for (String crlNumber : new String[] {"pck_crl_num", "root_ca_crl_num"}) {
            assertThat(served.has(crlNumber)).isTrue();
            served.remove(crlNumber);
            direct.remove(crlNumber);
        }
        assertThat(served).isEqualTo(Requests.JSON.readTree(direct.toString()));
    }

    @Test
    void todayTheCollateralIsValidAndAfterItsNextUpdateItHasExpired() throws Exception {
        assertThat(cpu0(attest(tdx(PLATFORM.tdxV4().build()), null)).path("ear.status").asString())
                .isEqualTo("affirming");
        assertProblem(attest(tdx(PLATFORM.tdxV4().build()), AFTER_NEXT_UPDATE), 403, "evidence-rejected",
                "collateral expired (", "verify as of an earlier instant for audits");
    }

    @Test
    void anOutdatedPlatformGetsATokenWithItsStatusAndAdvisories() throws Exception {
        byte[] svn = QuoteBuilder.filled(16, 2);
        svn[0] = 3;
        svn[1] = 1;
        JsonNode cpu0 = cpu0(attest(tdx(OUTDATED.tdxV4().teeTcbSvn(svn).build()), AT));
        JsonNode evidence = cpu0.path("ear.veraison.annotated-evidence");
        assertThat(evidence.at("/tdx/tcb_status").asString()).isEqualTo("OutOfDate");
        assertThat(evidence.at("/tdx/advisory_ids")).extracting(JsonNode::asString)
                .containsExactly("INTEL-SA-00837");
        assertThat(cpu0.at("/ear.trustworthiness-vector/hardware").asInt()).isNotEqualTo(2);
    }

    @Test
    void aRevokedPckIsRefused() {
        assertProblem(attest(tdx(QuoteBuilder.tdxV4(REVOKED_PCK).build()), AT), 403, "evidence-rejected",
                "revoked");
    }

    @Test
    void aQuoteCertifiedUnderAnotherRootIsRefused() {
        assertProblem(attest(tdx(FOREIGN.tdxV4().build()), AT), 403, "evidence-rejected", "not a trusted root");
    }

    @Test
    void aByteFlippedQuoteIsRefusedForItsSignature() {
        QuoteBuilder builder = PLATFORM.tdxV4();
        byte[] flipped = builder.build();
        flipped[builder.bodyOffset() + QuoteBuilder.TD_MR_TD] ^= 0x01;

        assertProblem(attest(tdx(flipped), AT), 403, "evidence-rejected", "signature");
    }

    @Test
    void aTruncatedQuoteIsMalformed() {
        assertProblem(attest(tdx(Arrays.copyOf(PLATFORM.tdxV4().build(), 600)), AT), 400, "invalid-evidence",
                "malformed quote");
    }

    @Test
    void aDebugTdIsVerifiedAndReportedAsDebug() throws Exception {
        JsonNode cpu0 = cpu0(attest(tdx(PLATFORM.tdxV4().debugTd(true).build()), AT));
        assertThat(cpu0.at("/ear.veraison.annotated-evidence/tdx/td_attributes/debug").asBoolean()).isTrue();
        assertThat(cpu0.at("/ear.trustworthiness-vector/configuration").asInt()).isNotEqualTo(2);
        assertThat(cpu0.path("ear.status").asString()).isNotEqualTo("affirming");
    }

    @Test
    void theQuoteMustBindTheRuntimeDataItIsSentWith() {
        byte[] reportData = QuoteBuilder.filled(64, 0x5a);
        byte[] quote = PLATFORM.tdxV4().reportData(reportData).build();
        byte[] other = reportData.clone();
        other[63] ^= 0x01;

        Response bound = attest(Requests.withRaw(tdx(quote), reportData), AT);
        assertThat(bound.status()).as(bound.body()).isEqualTo(200);
        assertProblem(attest(Requests.withRaw(tdx(quote), other), AT), 403, "evidence-rejected", "report data");
    }

    @Test
    void theQuoteMustBindTheInitDataDigestInMrConfigId() throws Exception {
        byte[] digest = QuoteBuilder.filled(48, 0x1d);
        byte[] quote = PLATFORM.tdxV4().mrConfigId(digest).build();
        ObjectNode bound = tdx(quote);
        bound.putObject("init_data").put("init_data_digest", Requests.b64url(digest));
        ObjectNode other = tdx(quote);
        other.putObject("init_data").put("init_data_digest", Requests.b64url(new byte[48]));

        assertThat(cpu0(attest(bound, AT)).path("ear.veraison.annotated-evidence").path("init_data").asString())
                .isEqualTo(hex(digest));
        assertProblem(attest(other, AT), 403, "evidence-rejected", "init-data");
    }

    @Test
    void theEventLogIsReplayedIntoTheRtmrs() throws Exception {
        CcelBuilder log = new CcelBuilder().event(1, "firmware").event(2, "kernel").event(3, "cmdline");
        byte[] quote = log.applyTo(PLATFORM.tdxV4()).build();
        String ccel = Base64.getEncoder().encodeToString(log.build());

        JsonNode cpu0 = cpu0(attest(request("tdx", quoteEvidence(quote).put("cc_eventlog", ccel)), AT));
        assertThat(cpu0.at("/ear.veraison.annotated-evidence/tdx/uefi_event_logs")).hasSize(3);

        String other = Base64.getEncoder().encodeToString(new CcelBuilder().event(1, "firmware")
                .event(2, "another kernel").event(3, "cmdline").build());
        assertProblem(attest(request("tdx", quoteEvidence(quote).put("cc_eventlog", other)), AT), 403,
                "evidence-rejected", "event log", "RTMR");
    }
}
