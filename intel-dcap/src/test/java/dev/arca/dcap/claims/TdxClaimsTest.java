package dev.arca.dcap.claims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.dcap.JsonAssert;
import dev.arca.dcap.Vectors;
import dev.arca.dcap.pck.PckCertChain;
import dev.arca.dcap.quote.Quote;
import dev.arca.dcap.quote.QuoteParser;
import dev.arca.model.json.Json;
import dev.arca.model.testing.RealEvidence;
import dev.arca.dcap.verify.RtmrReplay;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Claims with upstream's names and encodings (Trustee tdx and sgx verifiers). */
@RealEvidence
class TdxClaimsTest {

    private static Quote quote(String file) throws Exception {
        return QuoteParser.parse(Vectors.bytes(file));
    }

    private static PckCertChain pck(Quote quote) throws Exception {
        return PckCertChain.parse(quote.signatureData().pckCertChainPem());
    }

    /** Trustee's parse_tdx_claims test expectations: trustee's exact claims for quote 4 + CCEL_data. */
    @Test
    void equalTrusteesParsedClaimsForQuote4AndItsEventLog() throws Exception {
        Quote quote = quote("tdx/trustee_tdx_quote_4.dat");
        ObjectNode claims = TdxClaims.build(quote, pck(quote).extensions(),
                Optional.of(RtmrReplay.parse(Vectors.bytes("eventlog/trustee_CCEL_data"))));

        JsonNode expected = Json.MAPPER.readTree(Vectors.bytes("tdx/trustee_parse_tdx_claims_expected.json"));
        JsonAssert.assertSameJson(claims, expected);
    }

    @Test
    void v5ClaimsCarryTypeSizeAndTdx15Fields() throws Exception {
        Quote quote = quote("tdx/trustee_tdx_quote_5.dat");
        ObjectNode claims = TdxClaims.build(quote, pck(quote).extensions(), Optional.empty());

        assertThat(claims.get("quote").get("header").get("version").stringValue()).isEqualTo("0500");
        assertThat(claims.get("quote").get("type").stringValue()).isEqualTo("0300");
        assertThat(claims.get("quote").get("size").stringValue()).isEqualTo("88020000");
        assertThat(claims.get("quote").get("body").get("tee_tcb_svn2").stringValue())
                .isEqualTo("05010200000000000000000000000000");
        assertThat(claims.get("quote").get("body").get("mr_servicetd").stringValue()).startsWith("383c87d3");
        assertThat(claims.has("uefi_event_logs")).isFalse();
        assertThat(claims.get("td_attributes").get("septve_disable").booleanValue()).isTrue();
        assertThat(claims.get("td_attributes").get("debug").booleanValue()).isFalse();
    }

    @Test
    void v4ClaimsHaveNoTypeOrSize() throws Exception {
        Quote quote = quote("tdx/gotdx_tdx_prod_quote_SPR_E4.dat");
        ObjectNode claims = TdxClaims.build(quote, pck(quote).extensions(), Optional.empty());

        assertThat(claims.get("quote").has("type")).isFalse();
        assertThat(claims.get("quote").get("body").has("mr_servicetd")).isFalse();
        // PKS set, SEPT_VE_DISABLE not
        assertThat(claims.get("td_attributes").get("protection_keys").booleanValue()).isTrue();
        assertThat(claims.get("td_attributes").get("septve_disable").booleanValue()).isFalse();
    }

    @Test
    void sgxClaimsUseUpstreamNames() throws Exception {
        Quote quote = quote("sgx/trustee_occlum_quote.dat");
        ObjectNode claims = SgxClaims.build(quote, pck(quote).extensions());

        assertThat(claims.get("header").get("qe_svn").stringValue()).isEqualTo("0800");
        assertThat(claims.get("header").get("pce_svn").stringValue()).isEqualTo("0d00");
        assertThat(claims.get("header").get("att_key_data_0").stringValue()).isEqualTo("00000000");
        assertThat(claims.get("body").get("mr_enclave").stringValue())
                .isEqualTo("8f173e4613ff05c52aaf04162d234edae8c9977eae47eb2299ae16a553011c68");
        assertThat(claims.get("body").get("mr_signer").stringValue())
                .isEqualTo("83d719e77deaca1470f6baf62a4d774303c899db69020f9c70ee1dfc08c7ce9e");
        assertThat(claims.get("body").get("misc_select").stringValue()).isEqualTo("01000000");
        assertThat(claims.get("body").get("attributes.flags").stringValue()).isEqualTo("0700000000000000");
        assertThat(claims.get("body").get("attributes.xfrm").stringValue()).isEqualTo("e700000000000000");
        assertThat(claims.get("report_data").stringValue()).startsWith("74657374" + "00");
        assertThat(claims.get("init_data").stringValue()).isEqualTo(claims.get("body").get("config_id").stringValue());
        // trustee's reversed rendering of PIID c8c0cfb23d3dd90b06d55c0641693a7a
        assertThat(claims.get("platform_instance_id").stringValue()).isEqualTo("7a3a6941065cd5060bd93d3db2cfc0c8");
    }
}
