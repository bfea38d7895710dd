package dev.arca.attestation.verifier.nvidia;

import static dev.arca.nvidia.testpki.TestRimSigner.active;
import static dev.arca.nvidia.testpki.TestRimSigner.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.attestation.support.EarTokenReader;
import dev.arca.attestation.support.Requests;
import dev.arca.attestation.support.SyntheticIntelTestBase;
import dev.arca.attestation.support.TestHttp.Response;
import dev.arca.nvidia.testpki.SyntheticReport;
import dev.arca.nvidia.testpki.TestDevicePki;
import dev.arca.nvidia.testpki.TestRimSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * NVIDIA RIM files configured as an operator would ({@code arca.as.nvidia.rim-directory} with a driver and a VBIOS RIM
 * signed by a test RIM root, {@code rim-trust-anchors} naming it): a locally verified GPU whose measurements the RIMs
 * list gets executables 3 from {@code default_gpu} with no measurement registered in the RVPS; one measurement they do
 * not list gets 33.
 */
class NvidiaRimAttestationApiTest extends SyntheticIntelTestBase {

    private static final TestDevicePki PKI = TestDevicePki.forFirmware("gsp fmc");
    private static final TestRimSigner RIM_SIGNER = new TestRimSigner();
    private static final byte[] REPORT_DATA = "rim test runtime data".getBytes(StandardCharsets.US_ASCII);
    // values no other test registers in the shared stub RVPS, so only the RIMs can allow them
    private static final int DRIVER_MEASUREMENT = 0x4d;
    private static final int VBIOS_MEASUREMENT = 0x5e;

    static {
        RVPS.put("allowed_driver_versions", "[\"550.90.07\"]");
        RVPS.put("allowed_vbios_versions", "[\"96.00.9f.00.01\"]");
    }

    @DynamicPropertySource
    static void rims(DynamicPropertyRegistry registry) {
        try {
            Path dir = tempDir("nvidia-rims");
            Path rims = Files.createDirectories(dir.resolve("rims"));
            // RIM index 0 is SPDM measurement 1, index 1 is measurement 2
            Files.write(rims.resolve("driver.xml"), RIM_SIGNER.rim("GH100", "550.90.07",
                    List.of(active(0, value(DRIVER_MEASUREMENT)))));
            Files.write(rims.resolve("vbios.xml"), RIM_SIGNER.rim("GH100", "96.00.9F.00.01",
                    List.of(active(1, value(VBIOS_MEASUREMENT)))));
            Path anchors = Files.write(dir.resolve("rim-root.pem"), RIM_SIGNER.rootPem());
            registry.add("arca.as.nvidia.root-sha256", PKI::rootFingerprint);
            registry.add("arca.as.nvidia.rim-directory", rims::toString);
            registry.add("arca.as.nvidia.rim-trust-anchors", anchors::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode gpu(int vbiosMeasurement) {
        SyntheticReport report = new SyntheticReport().nonce(Arrays.copyOf(REPORT_DATA, 32))
                .measurement(1, SyntheticReport.filled(48, DRIVER_MEASUREMENT))
                .measurement(2, SyntheticReport.filled(48, vbiosMeasurement))
                .opaque(3, (SyntheticReport.DRIVER + "\0").getBytes(StandardCharsets.US_ASCII))
                .opaque(6, SyntheticReport.VBIOS).opaque(20, PKI.fwid());
        ObjectNode evidence = Requests.JSON.createObjectNode();
        evidence.putArray("device_evidence_list").addObject().put("arch", "HOPPER").put("uuid", "GPU-0001")
                .put("evidence", HexFormat.of().formatHex(report.signedBy(PKI.leafKey())))
                .put("certificate", Base64.getEncoder().encodeToString(PKI.chainPem()));
        return Requests.withRaw(request("nvidia", evidence), REPORT_DATA);
    }

    private JsonNode gpu0(ObjectNode request) throws Exception {
        Response response = attest(request, AT);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return EarTokenReader.verify(response.body(), http.get("/.well-known/jwks.json").body()).submod("gpu0");
    }

    @Test
    void measurementsTheRimsListAreAffirmed() throws Exception {
        JsonNode gpu0 = gpu0(gpu(VBIOS_MEASUREMENT));
        assertThat(gpu0.at("/ear.trustworthiness-vector/executables").asInt()).isEqualTo(3);
        assertThat(gpu0.path("ear.status").asString()).isEqualTo("affirming");
    }

    @Test
    void aMeasurementTheRimsDoNotListIsNot() throws Exception {
        JsonNode gpu0 = gpu0(gpu(VBIOS_MEASUREMENT + 1));
        assertThat(gpu0.at("/ear.trustworthiness-vector/executables").asInt()).isEqualTo(33);
    }
}
