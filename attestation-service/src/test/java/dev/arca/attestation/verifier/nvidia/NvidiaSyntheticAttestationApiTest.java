package dev.arca.attestation.verifier.nvidia;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.attestation.support.EarTokenReader;
import dev.arca.attestation.support.Requests;
import dev.arca.attestation.support.SyntheticIntelTestBase;
import dev.arca.attestation.support.TestHttp.Response;
import dev.arca.nvidia.testpki.SyntheticReport;
import dev.arca.nvidia.testpki.TestDevicePki;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * POST /attestation with {@code nvidia} evidence of a test device PKI (the AS pinning its root), alone and beside a
 * synthetic TD quote in one request: token with upstream's claims under device class {@code gpu}, the default gpu
 * policy's appraisal of measurements and versions against reference values, and each region's refusal.
 */
class NvidiaSyntheticAttestationApiTest extends SyntheticIntelTestBase {

    private static final TestDevicePki PKI = TestDevicePki.forFirmware("gsp fmc");
    private static final byte[] REPORT_DATA = sha384("runtime");

    static {
        RVPS.put("allowed_driver_versions", "[\"550.90.07\"]");
        RVPS.put("allowed_vbios_versions", "[\"96.00.9f.00.01\"]");
        RVPS.put("nvidia_measurement_1", "[\"" + "11".repeat(48) + "\"]");
        RVPS.put("nvidia_measurement_2", "[\"" + "22".repeat(48) + "\"]");
    }

    @DynamicPropertySource
    static void devicePin(DynamicPropertyRegistry registry) {
        registry.add("arca.as.nvidia.root-sha256", PKI::rootFingerprint);
    }

    private static byte[] sha384(String text) {
        try {
            return MessageDigest.getInstance("SHA-384").digest(text.getBytes());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Upstream's evidence: hex report, base64 PEM chain; the request nonce is the report data's first 32 bytes. */
    private static ObjectNode gpuEvidence(SyntheticReport report, byte[] chainPem) {
        ObjectNode evidence = Requests.JSON.createObjectNode();
        ObjectNode device = evidence.putArray("device_evidence_list").addObject();
        device.put("arch", "HOPPER");
        device.put("uuid", "GPU-0001");
        device.put("evidence", HexFormat.of().formatHex(report.signedBy(PKI.leafKey())));
        device.put("certificate", Base64.getEncoder().encodeToString(chainPem));
        return evidence;
    }

    private static ObjectNode gpu(SyntheticReport report) {
        return Requests.withRaw(request("nvidia", gpuEvidence(report, PKI.chainPem())), REPORT_DATA);
    }

    private static SyntheticReport typical() {
        return SyntheticReport.typical(PKI, java.util.Arrays.copyOf(REPORT_DATA, 32));
    }

    private JsonNode submod(Response response, String name) throws Exception {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return EarTokenReader.verify(response.body(), http.get("/.well-known/jwks.json").body()).submod(name);
    }

    @Test
    void aGpuReportGetsATokenWithUpstreamsClaimsAppraisedByTheGpuPolicy() throws Exception {
        JsonNode gpu0 = submod(attest(gpu(typical()), AT), "gpu0");

        JsonNode nvidia = gpu0.at("/ear.veraison.annotated-evidence/nvidia");
        assertThat(nvidia.path("arch").asString()).isEqualTo("Hopper");
        assertThat(nvidia.path("uuid").asString()).isEqualTo("GPU-0001");
        assertThat(nvidia.at("/measurements/2").asString()).isEqualTo("22".repeat(48));
        assertThat(nvidia.at("/config/driver_version").asString()).isEqualTo("550.90.07");
        assertThat(nvidia.at("/config/vbios_version").asString()).isEqualTo("96.00.9f.00.01");
        assertThat(nvidia.at("/config/measurement_count/2").asLong()).isEqualTo(2);
        assertThat(nvidia.at("/config/fwid").asString()).isEqualTo(HexFormat.of().formatHex(PKI.fwid()));
        assertThat(gpu0.at("/ear.trustworthiness-vector/hardware").asInt()).isEqualTo(2);
        assertThat(gpu0.at("/ear.trustworthiness-vector/configuration").asInt()).isEqualTo(2);
        assertThat(gpu0.at("/ear.trustworthiness-vector/executables").asInt()).isEqualTo(3);
        assertThat(gpu0.path("ear.status").asString()).isEqualTo("affirming");
    }

    @Test
    void anUnlistedMeasurementOrDriverIsAppraisedNotRefused() throws Exception {
        SyntheticReport report = new SyntheticReport().nonce(java.util.Arrays.copyOf(REPORT_DATA, 32))
                .measurement(1, SyntheticReport.filled(48, 0x11)).measurement(2, SyntheticReport.filled(48, 0x99))
                .measurement(3, new byte[48]).opaque(3, "535.0\0".getBytes()).opaque(6, SyntheticReport.VBIOS)
                .opaque(20, PKI.fwid());
        JsonNode gpu0 = submod(attest(gpu(report), AT), "gpu0");

        assertThat(gpu0.at("/ear.trustworthiness-vector/executables").asInt()).isEqualTo(33);
        assertThat(gpu0.at("/ear.trustworthiness-vector/configuration").asInt()).isEqualTo(36);
        assertThat(gpu0.at("/ear.trustworthiness-vector/hardware").asInt()).isEqualTo(2);
    }

    @Test
    void aTdQuoteAndAGpuReportAreAppraisedInOneToken() throws Exception {
        ObjectNode body = (ObjectNode) Requests.JSON.readTree(Requests.body(
                request("tdx", quoteEvidence(PLATFORM.tdxV4().build())), gpu(typical())));
        body.put("verify_at", AT.toString());
        Response response = http.postJson("/attestation", body.toString());
        JsonNode cpu0 = submod(response, "cpu0");
        JsonNode gpu0 = submod(response, "gpu0");

        assertThat(cpu0.at("/ear.veraison.annotated-evidence/tdx/quote/body/mr_td").asString())
                .isEqualTo("7d".repeat(48));
        assertThat(cpu0.path("ear.status").asString()).isEqualTo("affirming");
        assertThat(gpu0.at("/ear.veraison.annotated-evidence/nvidia/config/driver_version").asString())
                .isEqualTo("550.90.07");
        assertThat(gpu0.path("ear.status").asString()).isEqualTo("affirming");
    }

    @Test
    void refusalsNameTheirRegion() {
        byte[] other = REPORT_DATA.clone();
        other[0] ^= 1;
        assertProblem(attest(Requests.withRaw(request("nvidia", gpuEvidence(typical(), PKI.chainPem())), other), AT),
                403, "evidence-rejected", "report data mismatch", "GPU-0001");
        assertProblem(attest(request("nvidia", gpuEvidence(typical(), PKI.chainPem())), AT), 403,
                "evidence-rejected", "runtime data");
        TestDevicePki foreign = TestDevicePki.forFirmware("gsp fmc");
        assertProblem(attest(Requests.withRaw(request("nvidia", gpuEvidence(typical(), foreign.chainPem())),
                REPORT_DATA), AT), 403, "evidence-rejected", "not a pinned NVIDIA root");
        assertProblem(attest(Requests.withRaw(request("nvidia", gpuEvidence(typical(), TestDevicePki.pem(
                java.util.List.of(PKI.intermediate(), PKI.root())))), REPORT_DATA), AT), 403, "evidence-rejected",
                "FWID");
        SyntheticReport otherFirmware = SyntheticReport.typical(TestDevicePki.forFirmware("other"),
                java.util.Arrays.copyOf(REPORT_DATA, 32));
        assertProblem(attest(gpu(otherFirmware), AT), 403, "evidence-rejected", "fwid");
        assertProblem(attest(gpu(typical().version(0x12)), AT), 400, "invalid-evidence", "SPDM version");
        ObjectNode notHopper = gpuEvidence(typical(), PKI.chainPem());
        ((ObjectNode) notHopper.get("device_evidence_list").get(0)).put("arch", "BLACKWELL");
        assertProblem(attest(Requests.withRaw(request("nvidia", notHopper), REPORT_DATA), AT), 400,
                "invalid-evidence", "Hopper");
        assertProblem(attest(Requests.withRaw(request("nvidia", Requests.JSON.createObjectNode()), REPORT_DATA), AT),
                400, "invalid-evidence", "device_evidence_list");
    }
}
