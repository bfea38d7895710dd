package dev.arca.attestation.verifier.snp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.attestation.support.IntelApiTestBase;
import dev.arca.attestation.support.KbsCaller;
import dev.arca.attestation.support.Requests;
import dev.arca.attestation.support.StubRvpsServer;
import dev.arca.attestation.support.TestHttp.Response;
import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.report.SigningKey;
import dev.arca.snp.report.TcbVersion;
import dev.arca.snp.testpki.AmdTestPki;
import dev.arca.snp.testpki.SevReportJsonWriter;
import dev.arca.snp.testpki.SnpReportBuilder;
import dev.arca.snp.testpki.SyntheticSnp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * POST /attestation with SNP evidence in upstream's JSON shape, of synthetic chips under a test PKI (amd-snp's
 * {@code dev.arca.snp.testpki}), verified by the {@code snp} verifier with the AS pinning the test ARKs
 * ({@code arca.as.amd.ark-sha256}, the one setting that differs from production) and the VCEK and chains in the
 * {@code amd} folder of the offline collateral directory: token and claims, the default policy's vector, every
 * refusal the service maps.
 */
class SnpSyntheticAttestationApiTest extends IntelApiTestBase {

    private static final AmdTestPki PKI = new AmdTestPki();
    private static final SyntheticSnp MILAN = SyntheticSnp.of(PKI, ProcessorGeneration.MILAN);
    private static final SyntheticSnp TURIN = SyntheticSnp.of(PKI, ProcessorGeneration.TURIN);
    private static final Instant AT = AmdTestPki.AT;
    private static final Path DATA_DIR = tempDir("arca-as-snp-synthetic-test");
    private static final Path OFFLINE_DIR = writeCertificates(DATA_DIR.resolve("offline-collateral"));
    private static final StubRvpsServer RVPS = StubRvpsServer.start();
    private static final byte[] MEASUREMENT = filled(48, 0x6a);

    static {
        // the default policy's SNP reference values (docs/policies.md): the synthetic chips' values
        RVPS.put("snp_launch_measurement", "[\"" + hex(MEASUREMENT) + "\"]");
        RVPS.put("snp_bootloader", "[4]");
        RVPS.put("snp_microcode", "[219]");
        RVPS.put("snp_snp_svn", "[24]");
        RVPS.put("snp_tee_svn", "[0]");
        RVPS.put("snp_smt_enabled", "true");
        RVPS.put("snp_tsme_enabled", "false");
        RVPS.put("snp_guest_abi_major", "0");
        RVPS.put("snp_guest_abi_minor", "0");
        RVPS.put("snp_single_socket", "false");
        RVPS.put("snp_smt_allowed", "true");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("arca.data-dir", DATA_DIR::toString);
        registry.add("arca.callers.trusted.kbs", KbsCaller::publicKeyFile);
        registry.add("arca.as.rvps-url", () -> RVPS.url().toString());
        registry.add("arca.as.allow-verify-as-of", () -> "true");
        registry.add("arca.as.collateral.offline-dir", OFFLINE_DIR::toString);
        for (ProcessorGeneration generation : ProcessorGeneration.values()) {
            registry.add("arca.as.amd.ark-sha256." + generation.productName().toLowerCase(),
                    () -> AmdTestPki.fingerprint(PKI.hierarchy(generation).ark()));
        }
    }

    private static Path writeCertificates(Path offline) {
        try {
            Path amd = Files.createDirectories(offline.resolve("amd"));
            for (SyntheticSnp chip : new SyntheticSnp[] {MILAN, TURIN}) {
                Path chipDir = Files.createDirectories(amd.resolve("vcek").resolve(chip.vcekRequest().hwIdHex()));
                Files.write(chipDir.resolve(chip.tcb().filePrefix() + "_vcek.der"), chip.vcek().der());
                Path product = Files.createDirectories(amd.resolve(chip.generation().productName()));
                Files.write(product.resolve("cert_chain.pem"), PKI.certChainPem(chip.generation(), SigningKey.VCEK));
                Files.write(product.resolve("vlek_cert_chain.pem"), PKI.certChainPem(chip.generation(),
                        SigningKey.VLEK));
            }
            return offline;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode snp(SyntheticSnp chip, SnpReportBuilder report, boolean withVcek) throws Exception {
        byte[] bytes = chip.signedByVcek(report);
        return request("snp", SevReportJsonWriter.evidence(bytes, chip.generation(), "VCEK",
                withVcek ? chip.vcek().der() : null));
    }

    private static SnpReportBuilder milan() {
        return MILAN.report().measurement(MEASUREMENT).platformInfo(0x1);
    }

    @Test
    void aGenuineReportGetsATokenWithUpstreamsClaimsAndTheDefaultPolicysVector() throws Exception {
        JsonNode cpu0 = cpu0(attest(snp(MILAN, milan(), false), AT));

        JsonNode claims = cpu0.at("/ear.veraison.annotated-evidence/snp");
        assertThat(claims.path("measurement").asString()).isEqualTo(hex(MEASUREMENT));
        assertThat(claims.path("reported_tcb_microcode").asInt()).isEqualTo(219);
        assertThat(claims.path("policy_debug_allowed").isBoolean()).isTrue();
        assertThat(claims.path("platform_smt_enabled").asBoolean()).isTrue();
        assertThat(claims.path("chip_id").asString()).isEqualTo(hex(MILAN.chipId()));
        assertThat(claims.path("product").asString()).isEqualTo("Milan");
        // measurement registered: executables 3; TCB registered: hardware 2; not debug, all configuration
        // values registered: configuration 2 (upstream's default policy decides the same)
        assertThat(cpu0.at("/ear.trustworthiness-vector/executables").asInt()).isEqualTo(3);
        assertThat(cpu0.at("/ear.trustworthiness-vector/hardware").asInt()).isEqualTo(2);
        assertThat(cpu0.at("/ear.trustworthiness-vector/configuration").asInt()).isEqualTo(2);
        assertThat(cpu0.path("ear.status").asString()).isEqualTo("affirming");
    }

    @Test
    void aTurinReportWithItsVcekInTheEvidenceIsVerified() throws Exception {
        JsonNode claims = cpu0(attest(snp(TURIN, TURIN.report(), true), AT))
                .at("/ear.veraison.annotated-evidence/snp");

        assertThat(claims.path("product").asString()).isEqualTo("Turin");
        assertThat(claims.path("reported_tcb_fmc").asInt()).isEqualTo(1);
    }

    @Test
    void aDebugGuestIsVerifiedButNotAffirmed() throws Exception {
        JsonNode cpu0 = cpu0(attest(snp(MILAN, milan().policy(0xb0000), false), AT));

        assertThat(cpu0.at("/ear.veraison.annotated-evidence/snp/policy_debug_allowed").asBoolean()).isTrue();
        assertThat(cpu0.at("/ear.trustworthiness-vector/configuration").asInt()).isEqualTo(36);
        assertThat(cpu0.path("ear.status").asString()).isNotEqualTo("affirming");
    }

    @Test
    void theReportMustBindTheRuntimeDataAndTheInitData() throws Exception {
        byte[] reportData = filled(48, 0x5a);
        byte[] digest = filled(32, 0x1d);
        ObjectNode bound = Requests.withRaw(snp(MILAN, milan().reportData(reportData).hostData(digest), false),
                reportData);
        bound.putObject("init_data").put("init_data_digest", Requests.b64url(digest));

        JsonNode evidence = cpu0(attest(bound, AT)).path("ear.veraison.annotated-evidence");
        assertThat(evidence.path("init_data").asString()).isEqualTo(hex(digest));
        byte[] other = reportData.clone();
        other[0] ^= 1;
        assertProblem(attest(Requests.withRaw(snp(MILAN, milan().reportData(reportData), false), other), AT), 403,
                "evidence-rejected", "report data");
        ObjectNode wrongInit = snp(MILAN, milan().hostData(digest), false);
        wrongInit.putObject("init_data").put("init_data_digest", Requests.b64url(new byte[32]));
        assertProblem(attest(wrongInit, AT), 403, "evidence-rejected", "init-data");
    }

    @Test
    void refusals() throws Exception {
        assertProblem(attest(snp(MILAN, milan().vmpl(1), false), AT), 403, "evidence-rejected", "VMPL");
        assertProblem(attest(snp(MILAN, milan().reportedTcb(TcbVersion.of(ProcessorGeneration.MILAN, 0, 4, 0, 24,
                220)), true), AT), 403, "evidence-rejected", "reported_tcb");
        assertProblem(attest(snp(MILAN, milan(), false), Instant.parse("2046-01-01T00:00:00Z")), 403,
                "evidence-rejected", "collateral expired (", "expired at 2045-01-01");
        byte[] flipped = MILAN.signedByVcek(milan());
        flipped[0x90] ^= 1;
        assertProblem(attest(request("snp", SevReportJsonWriter.evidence(flipped, ProcessorGeneration.MILAN, "VCEK",
                MILAN.vcek().der())), AT), 403, "evidence-rejected", "signature");
        AmdTestPki.IssuedKey vlek = PKI.vlek(ProcessorGeneration.MILAN, MILAN.tcb(), "CN=cloud.example");
        byte[] vlekReport = milan().signingKey(SigningKey.VLEK).signedBy(vlek.keyPair().getPrivate());
        assertProblem(attest(request("snp", SevReportJsonWriter.evidence(vlekReport, ProcessorGeneration.MILAN,
                "VLEK", null)), AT), 400, "invalid-evidence", "VLEK");
    }

    @Test
    void malformedEvidenceIs400NamingTheField() throws Exception {
        ObjectNode evidence = SevReportJsonWriter.evidence(MILAN.signedByVcek(milan()), ProcessorGeneration.MILAN,
                "VCEK", null);
        ((ObjectNode) evidence.get("attestation_report")).put("version", 9);
        assertProblem(attest(request("snp", evidence), AT), 400, "invalid-evidence", "version 9");
        evidence.remove("attestation_report");
        assertProblem(attest(request("snp", evidence), AT), 400, "invalid-evidence", "attestation_report");
        ObjectNode badChain = SevReportJsonWriter.evidence(MILAN.signedByVcek(milan()), ProcessorGeneration.MILAN,
                "VCEK", new byte[] {1, 2});
        ((ObjectNode) badChain.get("cert_chain").get(0)).put("data", "AQI=");
        assertProblem(attest(request("snp", badChain), AT), 400, "invalid-evidence", "cert_chain[0].data");
        Response notAnObject = attest(Requests.verificationRequest("snp", Requests.b64url("[1]")), AT);
        assertProblem(notAnObject, 400, "invalid-evidence", "JSON object");
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
