package dev.arca.attestation.rvps;

import static dev.arca.attestation.support.Requests.body;
import static dev.arca.attestation.support.Requests.sampleEvidence;
import static dev.arca.attestation.support.Requests.verificationRequest;
import static dev.arca.attestation.support.Requests.withRaw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.attestation.support.AttestationServiceTestBase;
import dev.arca.attestation.support.EarTokenReader;
import dev.arca.attestation.support.TestHttp.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The AS with its RVPS down: cached reference values keep attestation going for {@code rvps-stale-if-error}
 * (10 minutes past the 30 s TTL), then policies fail closed; readiness reports the RVPS, liveness does not.
 */
class RvpsDownApiTest extends AttestationServiceTestBase {

    private static final byte[] RAW = {7, 7, 7};

    @Autowired
    ReferenceValueCache cache;

    private Response attest() throws Exception {
        return http.postJson("/attestation",
                body(withRaw(verificationRequest("sample", sampleEvidence("1", RAW)), RAW)));
    }

    private JsonNode attestCpu0() throws Exception {
        Response response = attest();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return EarTokenReader.verify(response.body(), http.get("/.well-known/jwks.json").body()).submod("cpu0");
    }

    /** No token, contraindicated or other: a retryable 503 problem that names the RVPS. */
    private static void assertRetryableRvpsOutage(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(response.json().path("type").asString()).endsWith("/attestation-service/rvps-unavailable");
        assertThat(response.json().path("detail").asString()).contains("RVPS").doesNotContain("127.0.0.1");
    }

    @Test
    void cachedValuesServeForTheStaleBoundThenTheAppraisalFailsClosed() throws Exception {
        cache.clear();
        assertThat(attestCpu0().path("ear.status").asString()).isEqualTo("affirming");

        RVPS.setAvailable(false);
        clock.advance(Duration.ofSeconds(31));
        assertThat(attestCpu0().path("ear.status").asString()).as("stale values within the bound")
                .isEqualTo("affirming");
        clock.advance(Duration.ofMinutes(10));
        assertRetryableRvpsOutage(attest());
        assertThat(http.get("/actuator/prometheus").body()).containsPattern(
                "arca_as_attestations_total\\{outcome=\"error\",reason=\"rvps_unavailable\",tee=\"sample\"}");

        // once the RVPS answers again the same evidence is affirmed: failures were not cached
        RVPS.setAvailable(true);
        assertThat(attestCpu0().path("ear.status").asString()).isEqualTo("affirming");
    }

    @Test
    void withoutCachedValuesAnRvpsOutageIsRefusedAtOnceAsRetryable() throws Exception {
        cache.clear();
        RVPS.setAvailable(false);

        assertRetryableRvpsOutage(attest());
        RVPS.setAvailable(true);
    }

    @Test
    void readinessFollowsTheRvpsLivenessDoesNot() {
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);

        RVPS.setAvailable(false);
        Response readiness = http.get("/actuator/health/readiness");
        Response liveness = http.get("/actuator/health/liveness");

        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.json().path("status").asString()).isEqualTo("DOWN");
        assertThat(readiness.json().at("/components/rvps/status").asString()).isEqualTo("DOWN");
        assertThat(readiness.json().at("/components/db/status").asString()).isEqualTo("UP");
        assertThat(readiness.body()).doesNotContain("127.0.0.1");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().path("status").asString()).isEqualTo("UP");
        RVPS.setAvailable(true);
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
    }
}
