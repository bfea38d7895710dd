package dev.arca.attestation.verifier.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.attestation.support.Requests;
import dev.arca.attestation.support.SyntheticIntelTestBase;
import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.testpki.AmdTestPki;
import dev.arca.snp.testpki.SyntheticSnp;
import dev.arca.tpm.ak.AkTrust;
import dev.arca.tpm.eventlog.TcgAlgorithm;
import dev.arca.tpm.quote.InitDataPcr;
import dev.arca.tpm.quote.TpmtSignature;
import dev.arca.tpm.testkeys.TestAk;
import dev.arca.tpm.testkeys.TestEventLog;
import dev.arca.tpm.testkeys.TestHclReport;
import dev.arca.tpm.testkeys.TestQuote;
import dev.arca.snp.report.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * POST /attestation with {@code tpm}, {@code az-tdx-vtpm} and {@code az-snp-vtpm} evidence made by test keys: TPM
 * quotes by test AKs, HCL reports binding them, TD quotes of the synthetic Intel platform and SNP reports of the AMD
 * test PKI. Every outcome the service maps: token with upstream's claims, and each region's refusal.
 */
class VtpmSyntheticAttestationApiTest extends SyntheticIntelTestBase {

    private static final TestAk AK = TestAk.rsa();
    private static final TestAk UNKNOWN_AK = TestAk.ecc("secp256r1");
    private static final SyntheticSnp SNP = SyntheticSnp.of(new AmdTestPki(), ProcessorGeneration.MILAN);
    private static final List<Integer> ALL = IntStream.range(0, 24).boxed().toList();
    private static final byte[] REPORT_DATA = TcgAlgorithm.SHA384.digest("runtime".getBytes()).orElseThrow();
    private static final HexFormat HEX = HexFormat.of();

    static {
        // the AMD test PKI's Milan chain beside the Intel collateral, in the collateral chain's offline folder amd/
        try {
            Path milan = Files.createDirectories(COLLATERAL_DIR.getParent().resolve("amd")
                    .resolve(ProcessorGeneration.MILAN.productName()));
            Files.write(milan.resolve("cert_chain.pem"), SNP.pki().certChainPem(ProcessorGeneration.MILAN,
                    SigningKey.VCEK));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void tpmTrustAndAmdPins(DynamicPropertyRegistry registry) {
        registry.add("arca.as.tpm.trusted-ak-sha256", () -> AkTrust.digest(AK.keys().getPublic()));
        registry.add("arca.as.amd.ark-sha256.milan",
                () -> AmdTestPki.fingerprint(SNP.pki().hierarchy(ProcessorGeneration.MILAN).ark()));
    }

    // --- tpm -----------------------------------------------------------------------------------------------------

    private static ObjectNode tpmEvidence(TestAk ak, List<byte[]> pcrs, byte[] nonce) {
        byte[] message = new TestQuote().nonce(nonce).select(TcgAlgorithm.SHA256, ALL, pcrs).build();
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        evidence.put("ak_public", Base64.getEncoder().encodeToString(ak.spki()));
        ObjectNode quote = evidence.putObject("tpm_quote");
        quote.put("message", Base64.getEncoder().encodeToString(message));
        quote.put("signature", Base64.getEncoder().encodeToString(
                ak.sign(message, ak == AK ? TpmtSignature.RSASSA : TpmtSignature.ECDSA, TcgAlgorithm.SHA256)));
        ArrayNode values = quote.putArray("pcrs");
        pcrs.forEach(p -> values.add(HEX.formatHex(p)));
        return evidence;
    }

    @Test
    void aTpmQuoteByAListedAkGetsATokenWithUpstreamsClaims() throws Exception {
        List<byte[]> pcrs = TestQuote.samplePcrs(TcgAlgorithm.SHA256);
        JsonNode cpu0 = cpu0(attest(Requests.withRaw(request("tpm", tpmEvidence(AK, pcrs, REPORT_DATA)),
                REPORT_DATA), AT));
        JsonNode annotated = cpu0.path("ear.veraison.annotated-evidence");
        JsonNode tpm = annotated.path("tpm");
        assertThat(tpm.path("pcr00").asString()).isEqualTo(HEX.formatHex(pcrs.getFirst()));
        assertThat(tpm.path("pcr23").asString()).isEqualTo(HEX.formatHex(pcrs.get(23)));
        assertThat(annotated.path("init_data").asString()).isEqualTo(HEX.formatHex(pcrs.get(8)));
        assertThat(annotated.path("report_data").asString()).isEqualTo(HEX.formatHex(REPORT_DATA));
        assertThat(tpm.path("ak_public").asString()).isEqualTo(Base64.getEncoder().encodeToString(AK.spki()));
        assertThat(tpm.path("ak_trust").asString()).isEqualTo("listed");
        // a trusted AK: hardware 2; no tpm_pcr11 / trusted_aks reference values: executables 33 (upstream's rule)
        assertThat(cpu0.at("/ear.trustworthiness-vector/hardware").asInt()).isEqualTo(2);
        assertThat(cpu0.at("/ear.trustworthiness-vector/executables").asInt()).isEqualTo(33);
    }

    @Test
    void tpmRefusalsNameTheirRegion() {
        List<byte[]> pcrs = TestQuote.samplePcrs(TcgAlgorithm.SHA256);
        assertProblem(attest(request("tpm", tpmEvidence(UNKNOWN_AK, pcrs, REPORT_DATA)), AT), 403,
                "evidence-rejected", "attestation key not trusted");
        ObjectNode flipped = tpmEvidence(AK, pcrs, REPORT_DATA);
        byte[] signature = Base64.getDecoder().decode(flipped.at("/tpm_quote/signature").asString());
        signature[20] ^= 1;
        ((ObjectNode) flipped.get("tpm_quote")).put("signature", Base64.getEncoder().encodeToString(signature));
        assertProblem(attest(request("tpm", flipped), AT), 403, "evidence-rejected", "signature");
        ObjectNode pcr = tpmEvidence(AK, pcrs, REPORT_DATA);
        ((ArrayNode) pcr.at("/tpm_quote/pcrs")).set(3, "00".repeat(32));
        assertProblem(attest(request("tpm", pcr), AT), 403, "evidence-rejected", "pcrDigest");
        byte[] other = REPORT_DATA.clone();
        other[0] ^= 1;
        assertProblem(attest(Requests.withRaw(request("tpm", tpmEvidence(AK, pcrs, REPORT_DATA)), other), AT), 403,
                "evidence-rejected", "report data");
        ObjectNode malformed = tpmEvidence(AK, pcrs, REPORT_DATA);
        ((ObjectNode) malformed.get("tpm_quote")).put("message", Base64.getEncoder().encodeToString(new byte[10]));
        assertProblem(attest(request("tpm", malformed), AT), 400, "invalid-evidence", "TPMS_ATTEST");
        assertProblem(attest(request("tpm", JsonNodeFactory.instance.objectNode().put("ak_public", "AA==")), AT),
                400, "invalid-evidence", "tpm_quote");
    }

    @Test
    void tpmInitDataAndEventLog() throws Exception {
        byte[] initData = TcgAlgorithm.SHA256.digest("init".getBytes()).orElseThrow();
        TestEventLog log = TestEventLog.cryptoAgile(TcgAlgorithm.SHA256).event(0, "firmware").event(4, "shim");
        List<byte[]> pcrs = new ArrayList<>(log.pcrs(TcgAlgorithm.SHA256));
        pcrs.set(8, InitDataPcr.expected(initData));
        ObjectNode evidence = tpmEvidence(AK, pcrs, REPORT_DATA);
        evidence.put("event_log", Base64.getEncoder().encodeToString(log.build()));
        ObjectNode bound = request("tpm", evidence);
        bound.putObject("init_data").put("init_data_digest", Requests.b64url(initData));
        JsonNode tpm = cpu0(attest(bound, AT)).at("/ear.veraison.annotated-evidence/tpm");
        assertThat(tpm.path("uefi_event_logs")).hasSize(2);

        ObjectNode otherInit = request("tpm", evidence);
        otherInit.putObject("init_data").put("init_data_digest", Requests.b64url(new byte[32]));
        assertProblem(attest(otherInit, AT), 403, "evidence-rejected", "init-data");
        ObjectNode wrongLog = tpmEvidence(AK, pcrs, REPORT_DATA);
        wrongLog.put("event_log", Base64.getEncoder().encodeToString(TestEventLog.cryptoAgile(TcgAlgorithm.SHA256)
                .event(0, "other firmware").build()));
        assertProblem(attest(request("tpm", wrongLog), AT), 403, "evidence-rejected", "PCR0");
    }

    // --- az-tdx-vtpm ---------------------------------------------------------------------------------------------

    private static ObjectNode azureEvidence(int version, byte[] hcl, byte[] reportData, List<byte[]> pcrs,
            String member, byte[] platform) {
        byte[] message = new TestQuote().nonce(reportData).select(TcgAlgorithm.SHA256, ALL, pcrs).build();
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        evidence.put("version", version);
        ObjectNode quote = evidence.putObject("tpm_quote");
        quote.put("signature", HEX.formatHex(AK.rawRsa(message, TpmtSignature.RSASSA, TcgAlgorithm.SHA256)));
        quote.put("message", HEX.formatHex(message));
        ArrayNode values = quote.putArray("pcrs");
        pcrs.forEach(p -> values.add(HEX.formatHex(p)));
        evidence.put("hcl_report", Base64.getUrlEncoder().encodeToString(hcl));
        evidence.put(member, Base64.getUrlEncoder().encodeToString(platform));
        return evidence;
    }

    private static TestHclReport tdxHcl(byte[] userData) {
        return new TestHclReport(TestHclReport.TDX, (RSAPublicKey) AK.keys().getPublic()).userData(userData);
    }

    private static ObjectNode azTdx(byte[] userData, byte[] tdQuoteReportData, byte[] nonce) {
        TestHclReport hcl = tdxHcl(userData);
        byte[] quote = PLATFORM.tdxV4().reportData(tdQuoteReportData == null ? hcl.reportData() : tdQuoteReportData)
                .build();
        return azureEvidence(2, hcl.build(), nonce, TestQuote.samplePcrs(TcgAlgorithm.SHA256), "td_quote", quote);
    }

    @Test
    void azTdxVtpmEvidenceGetsATokenWithTdxAndTpmClaims() throws Exception {
        JsonNode cpu0 = cpu0(attest(Requests.withRaw(request("az-tdx-vtpm", azTdx(REPORT_DATA, null, REPORT_DATA)),
                REPORT_DATA), AT));
        JsonNode annotated = cpu0.path("ear.veraison.annotated-evidence");
        JsonNode claims = annotated.path("az-tdx-vtpm");
        assertThat(claims.at("/quote/header/tee_type").asString()).isEqualTo("81000000");
        assertThat(claims.at("/quote/body/mr_td").asString()).isEqualTo("7d".repeat(48));
        assertThat(claims.path("tcb_status").asString()).isEqualTo("UpToDate");
        assertThat(claims.at("/tpm/pcr00").asString())
                .isEqualTo(HEX.formatHex(TestQuote.samplePcrs(TcgAlgorithm.SHA256).getFirst()));
        assertThat(annotated.path("report_data").asString()).isEqualTo(HEX.formatHex(REPORT_DATA));
        // upstream's az-tdx-vtpm rules: mr_td registered and UpToDate: hardware 2; xfam registered: configuration 2
        assertThat(cpu0.at("/ear.trustworthiness-vector/hardware").asInt()).isEqualTo(2);
        assertThat(cpu0.at("/ear.trustworthiness-vector/configuration").asInt()).isEqualTo(2);
    }

    @Test
    void azTdxVtpmRefusals() {
        byte[] other = REPORT_DATA.clone();
        other[5] ^= 1;
        // the TD quote does not bind the HCL variable data
        assertProblem(attest(request("az-tdx-vtpm", azTdx(REPORT_DATA, new byte[64], REPORT_DATA)), AT), 403,
                "evidence-rejected", "HCL report binding", "TD quote");
        // v2: the HCL user-data is not the report data
        assertProblem(attest(Requests.withRaw(request("az-tdx-vtpm", azTdx(other, null, REPORT_DATA)), REPORT_DATA),
                AT), 403, "evidence-rejected", "user-data");
        // the TPM nonce is not the report data
        assertProblem(attest(Requests.withRaw(request("az-tdx-vtpm", azTdx(REPORT_DATA, null, other)), REPORT_DATA),
                AT), 403, "evidence-rejected", "report data mismatch");
        ObjectNode flipped = azTdx(REPORT_DATA, null, REPORT_DATA);
        byte[] quote = Base64.getUrlDecoder().decode(flipped.get("td_quote").asString());
        quote[48 + 136] ^= 1; // mr_td: the TD quote's own signature breaks
        flipped.put("td_quote", Base64.getUrlEncoder().encodeToString(quote));
        assertProblem(attest(request("az-tdx-vtpm", flipped), AT), 403, "evidence-rejected", "signature");
        ObjectNode badVersion = azTdx(REPORT_DATA, null, REPORT_DATA).put("version", 7);
        assertProblem(attest(request("az-tdx-vtpm", badVersion), AT), 400, "invalid-evidence", "version");
        ObjectNode snpHcl = azTdx(REPORT_DATA, null, REPORT_DATA);
        snpHcl.put("hcl_report", Base64.getUrlEncoder().encodeToString(new TestHclReport(TestHclReport.SNP,
                (RSAPublicKey) AK.keys().getPublic()).build()));
        assertProblem(attest(request("az-tdx-vtpm", snpHcl), AT), 400, "invalid-evidence", "not TDX");
    }

    @Test
    void theV0ShapeCarriesByteArrays() throws Exception {
        TestHclReport hcl = tdxHcl(new byte[0]);
        byte[] quote = PLATFORM.tdxV4().reportData(hcl.reportData()).build();
        List<byte[]> pcrs = TestQuote.samplePcrs(TcgAlgorithm.SHA256);
        byte[] message = new TestQuote().nonce(REPORT_DATA).select(TcgAlgorithm.SHA256, ALL, pcrs).build();
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        ObjectNode tpmQuote = evidence.putObject("tpm_quote");
        bytes(tpmQuote.putArray("signature"), AK.rawRsa(message, TpmtSignature.RSASSA, TcgAlgorithm.SHA256));
        bytes(tpmQuote.putArray("message"), message);
        ArrayNode values = tpmQuote.putArray("pcrs");
        pcrs.forEach(p -> bytes(values.addArray(), p));
        bytes(evidence.putArray("hcl_report"), hcl.build());
        bytes(evidence.putArray("td_quote"), quote);
        // v0 and v1 do not carry the report data in the user-data
        JsonNode annotated = cpu0(attest(Requests.withRaw(request("az-tdx-vtpm", evidence), REPORT_DATA), AT))
                .path("ear.veraison.annotated-evidence");
        assertThat(annotated.at("/az-tdx-vtpm/tpm/pcr00").asString()).isNotBlank();
        assertThat(annotated.path("report_data").asString()).isEqualTo(HEX.formatHex(REPORT_DATA));
    }

    private static void bytes(ArrayNode array, byte[] bytes) {
        for (byte b : bytes) {
            array.add(b & 0xFF);
        }
    }

    // --- az-snp-vtpm ---------------------------------------------------------------------------------------------

    private static ObjectNode azSnp(byte[] userData, byte[] snpReportData, byte[] nonce, int vmpl) {
        TestHclReport hcl = new TestHclReport(TestHclReport.SNP, (RSAPublicKey) AK.keys().getPublic())
                .userData(userData);
        byte[] report = SNP.signedByVcek(SNP.report().vmpl(vmpl)
                .reportData(snpReportData == null ? hcl.reportData() : snpReportData));
        return azureEvidence(2, hcl.hardwareReport(report).build(), nonce, TestQuote.samplePcrs(TcgAlgorithm.SHA256),
                "vcek", SNP.vcek().der());
    }

    @Test
    void azSnpVtpmEvidenceGetsATokenWithUpstreamsClaims() throws Exception {
        JsonNode annotated = cpu0(attest(Requests.withRaw(request("az-snp-vtpm", azSnp(REPORT_DATA, null,
                REPORT_DATA, 0)), REPORT_DATA), AmdTestPki.AT)).path("ear.veraison.annotated-evidence");
        JsonNode claims = annotated.path("az-snp-vtpm");
        assertThat(claims.path("reported_tcb_snp").asString()).isEqualTo("24");
        assertThat(claims.path("policy_debug_allowed").isString()).isTrue();
        assertThat(claims.path("measurement").asString()).isNotBlank();
        assertThat(claims.at("/tpm/pcr08").asString())
                .isEqualTo(HEX.formatHex(TestQuote.samplePcrs(TcgAlgorithm.SHA256).get(8)));
        assertThat(annotated.path("report_data").asString()).isEqualTo(HEX.formatHex(REPORT_DATA));
        assertThat(annotated.path("init_data").asString())
                .isEqualTo(HEX.formatHex(TestQuote.samplePcrs(TcgAlgorithm.SHA256).get(8)));
    }

    @Test
    void azSnpVtpmRefusals() {
        assertProblem(attest(request("az-snp-vtpm", azSnp(REPORT_DATA, new byte[64], REPORT_DATA, 0)),
                AmdTestPki.AT), 403, "evidence-rejected", "HCL report binding", "SNP report");
        assertProblem(attest(request("az-snp-vtpm", azSnp(REPORT_DATA, null, REPORT_DATA, 1)), AmdTestPki.AT), 403,
                "evidence-rejected", "SNP VMPL not acceptable");
        ObjectNode flipped = azSnp(REPORT_DATA, null, REPORT_DATA, 0);
        byte[] hcl = Base64.getUrlDecoder().decode(flipped.get("hcl_report").asString());
        hcl[32 + 0x90] ^= 1; // the SNP report's measurement: its VCEK signature breaks
        flipped.put("hcl_report", Base64.getUrlEncoder().encodeToString(hcl));
        assertProblem(attest(request("az-snp-vtpm", flipped), AmdTestPki.AT), 403, "evidence-rejected",
                "SNP report signature invalid");
        ObjectNode wrongVcek = azSnp(REPORT_DATA, null, REPORT_DATA, 0);
        wrongVcek.put("vcek", Base64.getUrlEncoder().encodeToString(new byte[] {1, 2, 3}));
        assertProblem(attest(request("az-snp-vtpm", wrongVcek), AmdTestPki.AT), 400, "invalid-evidence", "vcek");
    }
}
