package dev.arca.attestation.verifier.nvidia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.attestation.verifier.DeviceClaims;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.VerificationException.Failure;
import dev.arca.model.json.Hex;
import dev.arca.model.json.Json;
import dev.arca.model.testing.Corpus;
import dev.arca.model.testing.RealEvidence;
import dev.arca.nvidia.GpuReportVerifier;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code nvidia} verifier on the real H100 evidence of MANIFEST §10, in upstream's evidence JSON: the report data
 * upstream's tests pass (32 bytes, and 48 for the CoCo CI evidence, regularised to the 32-byte SPDM nonce), the
 * claims upstream's local verifier produces, and the chain negatives.
 */
@RealEvidence
class NvidiaRealEvidenceVerifierTest {

    private static final Instant AT = Instant.parse("2026-11-26T00:00:00Z");
    private static final String NONCE = "931d8dd0add203ac3d8b4fbde75e115278eefcdceac5b87671a748f32364dfcb";
    private static final NvidiaVerifier VERIFIER = new NvidiaVerifier(GpuReportVerifier.trustingNvidia());

    private static JsonNode evidence(String report, String chain) {
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        ObjectNode device = evidence.putArray("device_evidence_list").addObject();
        device.put("arch", "HOPPER");
        device.put("uuid", "1111-2222-33333-444444-555555");
        device.put("evidence", Corpus.text("nvidia/" + report));
        device.put("certificate", Base64.getEncoder().encodeToString(Corpus.bytes("nvidia/" + chain)));
        return evidence;
    }

    private static List<DeviceClaims> verify(JsonNode evidence, String reportData) throws VerificationException {
        return VERIFIER.verify(evidence, Optional.of(Hex.parse(reportData)), Optional.empty(), AT);
    }

    @Test
    void theH100ReportGivesUpstreamsMeasurementsAndConfigUnderDeviceClassGpu() throws Exception {
        List<DeviceClaims> devices = verify(evidence("trustee_hopperAttestationReport.txt",
                "trustee_hopper_cert_chain_case1.txt"), NONCE);

        assertThat(devices).hasSize(1);
        assertThat(devices.getFirst().deviceClass()).isEqualTo("gpu");
        JsonNode claims = devices.getFirst().claims();
        JsonNode expected = Json.tree(Corpus.text("nvidia/trustee_hopperAttestationReport-claims.txt"));
        assertThat(claims.path("measurements")).isEqualTo(expected.path("measurements"));
        assertThat(claims.path("arch")).isEqualTo(expected.path("arch"));
        assertThat(claims.path("uuid")).isEqualTo(expected.path("uuid"));
        for (String name : List.of("driver_version", "vbios_version", "fwid", "board_id", "chip_sku", "project",
                "project_sku", "project_sku_mod", "gpu_info", "cpr_info")) {
            assertThat(claims.at("/config/" + name)).as(name).isEqualTo(expected.at("/config/" + name));
        }
        assertThat(claims.at("/config/measurement_count").properties()).hasSize(64);
        expected.at("/config/measurement_count").properties().forEach(count -> assertThat(
                claims.at("/config/measurement_count/" + count.getKey()).asLong()).as(count.getKey())
                .isEqualTo(count.getValue().asLong()));
    }

    @Test
    void theCocoEvidenceBindsTheFirst32BytesOfItsReportData() throws Exception {
        List<DeviceClaims> devices = verify(evidence("trustee_hopper_coco_report1.txt",
                "trustee_hopper_coco_certs1.txt"), "87d8e24ab336adafe228d49e83d745f6dba4ae505372b6a5704820856b343fec"
                + "e279b616efefc2aae21da80cf5581250");
        assertThat(devices.getFirst().claims().path("report_data").asString())
                .isEqualTo("87d8e24ab336adafe228d49e83d745f6dba4ae505372b6a5704820856b343fec");
    }

    @Test
    void chainCases2To4AreRefusedWithTheirReasons() {
        String nonce = NONCE;
        assertFailure(() -> verify(evidence("trustee_hopperAttestationReport.txt",
                "trustee_hopper_cert_chain_case2.txt"), nonce), Failure.UNTRUSTED_CHAIN, "at least the root CA");
        assertFailure(() -> verify(evidence("trustee_hopperAttestationReport.txt",
                "trustee_hopper_cert_chain_case3.txt"), nonce), Failure.UNTRUSTED_CHAIN, "does not validate");
        assertFailure(() -> verify(evidence("trustee_hopperAttestationReport.txt",
                "trustee_hopper_cert_chain_case4.txt"), nonce), Failure.SIGNATURE_INVALID, "no FWID extension");
        assertFailure(() -> verify(evidence("trustee_hopperAttestationReport.txt",
                "trustee_hopper_cert_chain_case1.txt"), "00"), Failure.REPORT_DATA_MISMATCH, "nonce");
    }

    private static void assertFailure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Failure failure,
            String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(VerificationException.class, e -> {
            assertThat(e.failure()).isEqualTo(failure);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
