package dev.arca.rvps.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.rvps.RvpsIntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ActuatorApiTest extends RvpsIntegrationTest {

    @Test
    void readinessIncludesTheDatabase() {
        HttpResponse<String> readiness = get("/actuator/health/readiness");

        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(json(readiness).path("status").asString()).isEqualTo("UP");
        assertThat(json(readiness).path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void prometheusAndInfoAreExposed() {
        HttpResponse<String> metrics = get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");

        HttpResponse<String> info = get("/actuator/info");
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(json(info).path("app").path("name").asString()).isEqualTo("arca-rvps");
    }
}
