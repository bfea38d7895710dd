package dev.arca.attestation.verifier.nvidia;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.attestation.support.EarTokenReader;
import dev.arca.attestation.support.Requests;
import dev.arca.attestation.support.SyntheticIntelTestBase;
import dev.arca.attestation.support.TestHttp.Response;
import dev.arca.attestation.verifier.cca.FakeVeraisonServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * POST /attestation with both remote modes configured as an operator would ({@code arca.as.cca.mode=remote} against
 * {@link FakeVeraisonServer}, {@code arca.as.nvidia.mode=remote} against {@link FakeNrasServer}): a CCA realm and a
 * GPU in one request, appraised by {@code default_cpu}'s CCA branch and {@code default_gpu}'s NRAS rules, and the
 * remote services' failures as problem details.
 */
class RemoteVerifiersAttestationApiTest extends SyntheticIntelTestBase {

    private static final FakeVeraisonServer VERAISON = FakeVeraisonServer.start();
    private static final FakeNrasServer NRAS = FakeNrasServer.start();
    private static final byte[] REPORT_DATA = new byte[48];

    static {
        REPORT_DATA[0] = 7;
        RVPS.put("cca_realm_initial_measurement",
                "[\"" + Base64.getEncoder().encodeToString(FakeVeraisonServer.RIM) + "\"]");
        RVPS.put("allowed_driver_versions", "[\"550.90.07\"]");
        RVPS.put("allowed_vbios_versions", "[\"96.00.9f.00.01\"]");
    }

    @DynamicPropertySource
    static void remoteModes(DynamicPropertyRegistry registry) {
        try {
            Path key = Files.writeString(tempDir("veraison-key").resolve("ear-key.jwk"),
                    VERAISON.publicKey().toJSONString());
            registry.add("arca.as.cca.mode", () -> "remote");
            registry.add("arca.as.cca.remote.url", () -> VERAISON.url().toString());
            registry.add("arca.as.cca.remote.verifier-key", key::toString);
            registry.add("arca.as.nvidia.mode", () -> "remote");
            registry.add("arca.as.nvidia.nras.url", () -> NRAS.attestUrl().toString());
            registry.add("arca.as.nvidia.nras.jwks-url", () -> NRAS.jwksUrl().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        VERAISON.close();
        NRAS.close();
    }

    private static ObjectNode cca() {
        ObjectNode evidence = Requests.JSON.createObjectNode();
        evidence.put("token", Base64.getEncoder().encodeToString("a CCA token Veraison appraises".getBytes()));
        return Requests.withRaw(request("cca", evidence), REPORT_DATA);
    }

    private static ObjectNode gpu() {
        ObjectNode evidence = Requests.JSON.createObjectNode();
        evidence.putArray("device_evidence_list").addObject().put("arch", "HOPPER").put("uuid", "GPU-0001")
                .put("evidence", Base64.getEncoder().encodeToString("spdm report".getBytes()))
                .put("certificate", Base64.getEncoder().encodeToString("pem chain".getBytes()));
        return Requests.withRaw(request("nvidia", evidence), REPORT_DATA);
    }

    @Test
    void aRealmAndAGpuAppraisedRemotelyGetOneAffirmingToken() throws Exception {
        Response response = http.postJson("/attestation", Requests.body(cca(), gpu()));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        EarTokenReader.VerifiedToken token = EarTokenReader.verify(response.body(),
                http.get("/.well-known/jwks.json").body());
        JsonNode cpu0 = token.submod("cpu0");
        JsonNode gpu0 = token.submod("gpu0");

        assertThat(cpu0.at("/ear.veraison.annotated-evidence/cca/realm/cca-realm-initial-measurement").asString())
                .isEqualTo(Base64.getEncoder().encodeToString(FakeVeraisonServer.RIM));
        assertThat(cpu0.path("ear.status").asString()).as(cpu0.toString()).isEqualTo("affirming");
        assertThat(gpu0.at("/ear.veraison.annotated-evidence/nvidia/x-nvidia-gpu-driver-version").asString())
                .isEqualTo("550.90.07");
        assertThat(gpu0.at("/ear.trustworthiness-vector/hardware").asInt()).isEqualTo(2);
        assertThat(gpu0.at("/ear.trustworthiness-vector/configuration").asInt()).isEqualTo(2);
        assertThat(gpu0.at("/ear.trustworthiness-vector/executables").asInt()).isEqualTo(3);
        assertThat(gpu0.path("ear.status").asString()).isEqualTo("affirming");
    }

    @Test
    void remoteFailuresAreProblemDetails() {
        ObjectNode withoutRuntimeData = request("cca", Requests.JSON.createObjectNode().put("token", "AA=="));
        assertProblem(http.postJson("/attestation", Requests.body(withoutRuntimeData)), 403, "evidence-rejected",
                "runtime data");
        NRAS.status = 503;
        try {
            assertProblem(http.postJson("/attestation", Requests.body(gpu())), 503, "upstream-unavailable",
                    "NRAS answered HTTP 503");
        } finally {
            NRAS.status = 200;
        }
    }
}
