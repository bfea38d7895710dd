package dev.arca.kbs.ops;

import dev.arca.kbs.testing.KbsHttp;
import dev.arca.kbs.testing.KbsIntegrationTest;
import dev.arca.kbs.testing.Rcar;
import dev.arca.kbs.testing.SampleGuest;
import dev.arca.kbs.testing.TestEnvironment;
import dev.arca.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Health probes, Prometheus metrics, build info and the OpenAPI document of the shared test KBS. */
class ObservabilityTest extends KbsIntegrationTest {

    /** The document kept in the repository; regenerate with {@code -Darca.openapi.write=true}. */
    static final Path OPENAPI = Path.of("..", "docs", "openapi", "kbs.json");

    @Test
    void probesAreUpAndReadinessChecksStorageAndTheAttestationService() {
        KbsHttp.Answer readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
        assertThat(Json.tree(readiness.body()).get("status").asString()).isEqualTo("UP");
        JsonNode components = Json.tree(readiness.body()).path("components");
        assertThat(components.propertyNames()).contains("db", "attestationService", "readinessState");
        assertThat(components.path("attestationService").has("details"))
                .as("public probes name components, never their details").isFalse();
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
                .contains("arca_kbs_auth_requests_total{outcome=\"ok\"}")
                .containsPattern("arca_kbs_attestations_total\\{outcome=\"affirmed\",tee=\"sample\"} [1-9]")
                .containsPattern("arca_kbs_attestations_total\\{outcome=\"refused\",tee=\"sample\"} [1-9]")
                .contains("arca_kbs_attestation_duration_seconds_bucket{tee=\"sample\"")
                .containsPattern("arca_kbs_releases_total\\{plugin=\"resource\"} [1-9]")
                .containsPattern("arca_kbs_denials_total\\{plugin=\"resource\",reason=\"ResourceNotFound\"} [1-9]")
                .contains("arca_kbs_release_duration_seconds_bucket{plugin=\"resource\"")
                .contains("http_server_requests_seconds_bucket")
                .doesNotContainPattern("(?m)^kbs_");
    }

    @Test
    void onlyAnAffirmingTokenCountsAsAffirmedTheOthersByTheirStatus() {
        SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.P256);
        double affirmed = attestations("affirmed");
        double contraindicated = attestations("contraindicated");
        double warning = attestations("warning");
        try {
            TestEnvironment.AS.earStatus("contraindicated");
            Rcar.attestOk(http, Rcar.auth(http, Rcar.ALL_ALGORITHMS), guest);
            TestEnvironment.AS.earStatus("warning");
            Rcar.attestOk(http, Rcar.auth(http, Rcar.ALL_ALGORITHMS), guest);
        } finally {
            TestEnvironment.AS.earStatus("affirming");
        }

        assertThat(attestations("contraindicated")).isEqualTo(contraindicated + 1);
        assertThat(attestations("warning")).isEqualTo(warning + 1);
        assertThat(attestations("affirmed")).as("a contraindicated or warning token is not affirmed")
                .isEqualTo(affirmed);
        Rcar.attestOk(http, Rcar.auth(http, Rcar.ALL_ALGORITHMS), guest);
        assertThat(attestations("affirmed")).isEqualTo(affirmed + 1);
    }

    @Test
    void infoNamesTheServiceItsVersionAndBuild() {
        KbsHttp.Answer info = http.get("/actuator/info");
        assertThat(info.status()).as(info.body()).isEqualTo(200);
        JsonNode body = Json.tree(info.body());
        assertThat(body.at("/build/artifact").asString()).isEqualTo("kbs-service");
        assertThat(body.at("/build/version").asString()).isNotBlank();
        assertThat(body.at("/build/time").asString()).isNotBlank();
        assertThat(body.at("/app/name").asString()).isEqualTo("arca-kbs");
    }

    /** The count of {@code arca_kbs_attestations_total} for the sample TEE and this outcome, 0 before the first. */
    private double attestations(String outcome) {
        Matcher sample = Pattern.compile("(?m)^arca_kbs_attestations_total\\{outcome=\"" + outcome
                + "\",tee=\"sample\"} (\\S+)$").matcher(http.get("/actuator/prometheus").body());
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
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
