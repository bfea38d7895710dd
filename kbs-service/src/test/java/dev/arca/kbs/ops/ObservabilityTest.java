package dev.arca.kbs.ops;

import dev.arca.kbs.testing.KbsHttp;
import dev.arca.kbs.testing.KbsIntegrationTest;
import dev.arca.kbs.testing.Rcar;
import dev.arca.kbs.testing.SampleGuest;
import dev.arca.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Health probes, Prometheus metrics and the OpenAPI document of the shared test KBS. */
class ObservabilityTest extends KbsIntegrationTest {

    /** The document kept in the repository; regenerate with {@code -Darca.openapi.write=true}. */
    static final Path OPENAPI = Path.of("..", "docs", "openapi", "kbs.json");

    @Test
    void probesAreUpAndReadinessChecksStorageAndTheAttestationService() {
        KbsHttp.Answer readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
        assertThat(Json.tree(readiness.body()).get("status").asString()).isEqualTo("UP");
        assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
        // the readiness group's members, as configured
        JsonNode health = Json.tree(http.get("/actuator/health").body());
        assertThat(health.get("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusShowsRequestsAttestationsReleasesDenialsAndLatencyHistograms() {
        setResourcePolicy(ALLOW_SAMPLE);
        putResource("default/metrics/one", "m".getBytes(StandardCharsets.UTF_8));
        SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.P256);
        Rcar.Handshake session = Rcar.auth(http, Rcar.ALL_ALGORITHMS);
        Rcar.attestOk(http, session, guest);
        assertThat(http.get("/kbs/v0/resource/default/metrics/one", session.cookieHeader()).status()).isEqualTo(200);
        assertThat(http.get("/kbs/v0/resource/default/metrics/absent", session.cookieHeader()).status())
                .isEqualTo(404);
        // evidence bound with another hash than negotiated: the AS refuses it
        Rcar.Handshake refused = Rcar.auth(http, Rcar.ALL_ALGORITHMS);
        assertThat(Rcar.attest(http, refused, guest.attestation(refused.nonce(),
                dev.arca.model.json.HashAlgorithm.SHA512, false, null)).status()).isEqualTo(401);

        KbsHttp.Answer metrics = http.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("kbs_auth_requests_total{outcome=\"ok\"}")
                .containsPattern("kbs_attestations_total\\{outcome=\"affirmed\",tee=\"sample\"} [1-9]")
                .containsPattern("kbs_attestations_total\\{outcome=\"refused\",tee=\"sample\"} [1-9]")
                .contains("kbs_attestation_duration_seconds_bucket{tee=\"sample\"")
                .containsPattern("kbs_releases_total\\{plugin=\"resource\"} [1-9]")
                .containsPattern("kbs_denials_total\\{plugin=\"resource\",reason=\"ResourceNotFound\"} [1-9]")
                .contains("kbs_release_duration_seconds_bucket{plugin=\"resource\"")
                .contains("http_server_requests_seconds_bucket");
    }

    @Test
    void theOpenApiDocumentIsServedAndMatchesTheCopyInDocs() throws Exception {
        KbsHttp.Answer answer = http.get("/v3/api-docs");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode document = Json.tree(answer.body());
        assertThat(document.at("/info/title").asString()).isEqualTo("Arca Key Broker Service");
        JsonNode paths = document.get("paths");
        assertThat(paths.propertyNames()).contains("/kbs/v0/auth", "/kbs/v0/attest",
                "/kbs/v0/resource/{repository}/{type}/{tag}", "/kbs/v0/cert/issue", "/kbs/v0/admin/audit",
                "/kbs/v0/admin/resources", "/kbs/v0/admin/resource-policies/{id}", "/kbs/v0/resource-policy",
                "/kbs/v0/attestation-policy", "/kbs/v0/reference-value");
        assertThat(paths.propertyNames()).doesNotContain("/kbs/v0/**", "/error");

        String served = answer.body().strip() + "\n";
        if (Boolean.getBoolean("arca.openapi.write")) {
            Files.createDirectories(OPENAPI.getParent());
            Files.writeString(OPENAPI, served);
        }
        assertThat(OPENAPI).as("docs/openapi/kbs.json; regenerate with -Darca.openapi.write=true").exists();
        assertThat(Files.readString(OPENAPI)).as("docs/openapi/kbs.json is stale; regenerate with "
                + "-Dtest=ObservabilityTest -Darca.openapi.write=true").isEqualTo(served);
    }
}
