package dev.arca.attestation.verifier.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.attestation.support.IntelVerifierTestBase;
import dev.arca.attestation.support.Requests;
import dev.arca.model.testing.Corpus;
import dev.arca.model.testing.RealEvidence;
import dev.arca.tpm.ak.AkTrust;
import dev.arca.tpm.quote.TpmtPublic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real vTPM and TPM evidence of the corpus (MANIFEST §6, §7, §9) through POST /attestation, each with the outcome
 * the case table of docs/verifiers/azure-tpm.md gives. AMD's ASK/ARK chains come from the corpus's bundles, written at
 * run time into the collateral chain's offline folder (the KDS is not reachable here); the ARKs stay pinned.
 */
@RealEvidence
class VtpmAttestationApiTest extends IntelVerifierTestBase {

    /** Inside every VCEK's and AMD chain's validity (amd-snp's pinned instant for the corpus). */
    private static final Instant SNP_AT = Instant.parse("2025-06-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
    private static final byte[] CHALLENGE = "challenge".getBytes(StandardCharsets.US_ASCII);

    static {
        // Trustee's AMD chains (corpus) in the collateral chain's offline folder amd/, at run time
        try {
            for (String product : new String[] {"Milan", "Genoa", "Turin"}) {
                Path dir = Files.createDirectories(COLLATERAL_DIR.getParent().resolve("amd").resolve(product));
                Files.write(dir.resolve("cert_chain.pem"), Corpus.bytes("amd-certs/trustee_"
                        + product.toLowerCase(Locale.ROOT) + "_ask_ark_asvk.pem"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void trustedAks(DynamicPropertyRegistry registry) {
        registry.add("arca.as.tpm.trusted-ak-sha256", () -> trusteeAkDigest() + "," + gcpAkDigest());
    }

    private static String trusteeAkDigest() {
        try {
            byte[] spki = Base64.getDecoder().decode(trusteeTpm().get("ak_public").asString());
            return AkTrust.digest(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String gcpAkDigest() {
        try {
            return AkTrust.digest(TpmtPublic.parse(Base64.getDecoder().decode(gcp().at("/AK/Public").asString())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode trusteeTpm() {
        return (ObjectNode) Requests.JSON.readTree(Corpus.text("tpm/trustee_tpm_evidence.json"));
    }

    private static JsonNode gcp() {
        return Requests.JSON.readTree(Corpus.text("tpm/goatt_windows_gcp_shielded_vm.json"));
    }

    private static ObjectNode corpusEvidence(String file) {
        return (ObjectNode) Requests.JSON.readTree(Corpus.text(file));
    }

    @ParameterizedTest
    @CsvSource({
        "az-snp-vtpm/trustee_evidence-v0.json, 6368616c6c656e6765, e15c44796beabf46abcec7c57e590942041e47497e4ec27571c8b7664f48dced",
        "az-snp-vtpm/trustee_evidence-v1.json, 6368616c6c656e6765, e15c44796beabf46abcec7c57e590942041e47497e4ec27571c8b7664f48dced",
        "az-snp-vtpm/trustee_evidence-v2.json, 982f5c6e45df0ed3f10b6f60b02f0c8390e281300f3805e2279c16168cd6ae9aa398f647caa2338748cd0fd9f5f819ef, 84275b2f4312cd4fc6cbe6b152ad3c3683e513d9f1e23c34fca160c8cca7a6a7",
        "az-snp-vtpm/trustee_evidence-genoa.json, 0218488bae25d2509232bf676f1a66a30d7372add909109b36016ef136f2938ca05475f8b46094de6b64270ea35d950f, afd689d0bb1c5f36f023fbaf574135f555a28a10c1f6b938d2a25e70c7783338"})
    void azureSnpVtpmEvidenceVerifies(String file, String reportData, String pcr0) throws Exception {
        JsonNode annotated = cpu0(attest(Requests.withRaw(request("az-snp-vtpm", corpusEvidence(file)),
                HexFormat.of().parseHex(reportData)), SNP_AT)).path("ear.veraison.annotated-evidence");
        assertThat(annotated.path("report_data").asString()).isEqualTo(reportData);
        assertThat(annotated.at("/az-snp-vtpm/tpm/pcr00").asString()).isEqualTo(pcr0);
        assertThat(annotated.at("/az-snp-vtpm/measurement").asString()).isNotBlank();
    }

    @Test
    void upstreamsUserDataNegative() {
        // test_verify_user_data: report data 123abc is neither the nonce nor the user-data
        assertProblem(attest(Requests.withRaw(request("az-snp-vtpm", corpusEvidence(
                "az-snp-vtpm/trustee_evidence-v2.json")), HexFormat.of().parseHex("123abc")), SNP_AT), 403,
                "evidence-rejected", "report data mismatch");
    }

    @Test
    void theGenoaPcr8IsNotAnInitDataOfZeros() {
        ObjectNode request = Requests.withRaw(request("az-snp-vtpm", corpusEvidence(
                "az-snp-vtpm/trustee_evidence-genoa.json")), HexFormat.of().parseHex(
                "0218488bae25d2509232bf676f1a66a30d7372add909109b36016ef136f2938ca05475f8b46094de6b64270ea35d950f"));
        request.putObject("init_data").put("init_data_digest", Requests.b64url(new byte[32]));
        assertProblem(attest(request, SNP_AT), 403, "evidence-rejected", "init-data");
    }

    @Test
    void aChangedSnpTcbInTheHclReportFailsTheVcek() {
        ObjectNode evidence = corpusEvidence("az-snp-vtpm/trustee_evidence-v1.json");
        byte[] hcl = Base64.getUrlDecoder().decode(evidence.get("hcl_report").asString());
        hcl[32 + 0x186] = 0; // reported_tcb.snp of the embedded report
        evidence.put("hcl_report", Base64.getUrlEncoder().encodeToString(hcl));
        assertProblem(attest(Requests.withRaw(request("az-snp-vtpm", evidence), CHALLENGE), SNP_AT), 403,
                "evidence-rejected", "SNP TCB not acceptable");
    }

    /** No TCB Info for the Azure TD's FMSPC (00806f050000) in the corpus: everything up to the collateral verifies. */
    @ParameterizedTest
    @CsvSource({"az-tdx-vtpm/trustee_evidence-v0.json", "az-tdx-vtpm/trustee_evidence-v1.json"})
    void azureTdxVtpmEvidenceReachesTheIntelCollateral(String file) {
        assertProblem(attest(Requests.withRaw(request("az-tdx-vtpm", corpusEvidence(file)), CHALLENGE), NOW), 503,
                "upstream-unavailable", "collateral");
        byte[] reversed = "egnellahc".getBytes(StandardCharsets.US_ASCII);
        assertProblem(attest(Requests.withRaw(request("az-tdx-vtpm", corpusEvidence(file)), reversed), NOW), 403,
                "evidence-rejected", "report data mismatch");
    }

    @Test
    void trusteesTpmEvidenceVerifiesWithItsListedAk() throws Exception {
        String nonce = "a04182b506878d4f29b91ee606a71a0d3361ccf1b22db20c98adcaa537bea393"
                + "ef0e41a18b3569ab678f1497fbc5c12000000000000000000000000000000000";
        JsonNode cpu0 = cpu0(attest(Requests.withRaw(request("tpm", trusteeTpm()), HexFormat.of().parseHex(nonce)),
                NOW));
        JsonNode annotated = cpu0.path("ear.veraison.annotated-evidence");
        assertThat(annotated.path("report_data").asString()).isEqualTo(nonce);
        assertThat(annotated.path("init_data").asString()).isEqualTo("00".repeat(32));
        assertThat(annotated.at("/tpm/ak_trust").asString()).isEqualTo("listed");
        assertThat(annotated.at("/tpm/firmware_version").asString()).isEqualTo("2019102300163636");
    }

    @Test
    void theGcpShieldedVmQuoteWithItsLegacyEventLog() throws Exception {
        JsonNode gcp = gcp();
        ObjectNode evidence = Requests.JSON.createObjectNode();
        evidence.put("ak_public", gcp.at("/AK/Public").asString());
        ObjectNode quote = evidence.putObject("tpm_quote");
        quote.put("message", gcp.at("/Quote/Quote").asString());
        quote.put("signature", gcp.at("/Quote/Signature").asString());
        String[] pcrs = new String[24];
        gcp.at("/Log/PCRs").forEach(p -> pcrs[p.get("Index").asInt()] = HexFormat.of().formatHex(
                Base64.getDecoder().decode(p.get("Digest").asString())));
        ArrayNode values = quote.putArray("pcrs");
        for (String pcr : pcrs) {
            values.add(pcr);
        }
        evidence.put("event_log", gcp.at("/Log/Raw").asString());
        JsonNode tpm = cpu0(attest(request("tpm", evidence), NOW)).at("/ear.veraison.annotated-evidence/tpm");
        assertThat(tpm.at("/pcr_banks/sha1/pcr00").asString()).isEqualTo("51c323de0c0c694f4601cdd02beb58ff13629f74");
        assertThat(tpm.path("uefi_event_logs")).hasSize(21);

        byte[] log = Base64.getDecoder().decode(gcp.at("/Log/Raw").asString());
        log[8] ^= 1;
        evidence.put("event_log", Base64.getEncoder().encodeToString(log));
        assertProblem(attest(request("tpm", evidence), NOW), 403, "evidence-rejected", "PCR0");
    }
}
