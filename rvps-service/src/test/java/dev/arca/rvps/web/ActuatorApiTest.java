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
        assertThat(json(readiness).path("components").path("db").has("details"))
                .as("public probes name components, never their details").isFalse();
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void registrationsAndQueriesAreCounted() {
        double registered = metric("arca_rvps_registrations_total{outcome=\"registered\",type=\"sample\"}");
        double refused = metric("arca_rvps_registrations_total{outcome=\"refused\",type=\"sample\"}");
        double unknown = metric("arca_rvps_registrations_total{outcome=\"refused\",type=\"unknown\"}");
        double hits = metric("arca_rvps_queries_total{outcome=\"hit\"}");
        double misses = metric("arca_rvps_queries_total{outcome=\"miss\"}");

        assertThat(registerSample("{\"metrics/a\": 1}").statusCode()).isEqualTo(201);
        assertThat(register(message("sample", "not base64!")).statusCode()).isEqualTo(400);
        assertThat(register(message("no-such-type-" + System.nanoTime(), "x")).statusCode()).isEqualTo(400);
        assertThat(get("/reference-values/metrics/a").statusCode()).isEqualTo(200);
        assertThat(get("/reference-values/metrics/absent").statusCode()).isEqualTo(404);

        assertThat(metric("arca_rvps_registrations_total{outcome=\"registered\",type=\"sample\"}"))
                .isEqualTo(registered + 1);
        assertThat(metric("arca_rvps_registrations_total{outcome=\"refused\",type=\"sample\"}"))
                .isEqualTo(refused + 1);
        // a type that is not an extractor is counted as "unknown", so callers cannot create new series
        assertThat(metric("arca_rvps_registrations_total{outcome=\"refused\",type=\"unknown\"}"))
                .isEqualTo(unknown + 1);
        assertThat(metric("arca_rvps_queries_total{outcome=\"hit\"}")).isEqualTo(hits + 1);
        assertThat(metric("arca_rvps_queries_total{outcome=\"miss\"}")).isEqualTo(misses + 1);
    }

    /** The value of one Prometheus sample, 0 when the series does not exist yet. */
    private double metric(String series) {
        String body = get("/actuator/prometheus").body();
        return body.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .findFirst().orElse(0);
    }

    @Test
    void prometheusAndInfoAreExposed() {
        HttpResponse<String> metrics = get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");

        HttpResponse<String> info = get("/actuator/info");
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(json(info).path("app").path("name").asString()).isEqualTo("arca-rvps");
        assertThat(json(info).at("/build/artifact").asString()).isEqualTo("rvps-service");
        assertThat(json(info).at("/build/version").asString()).isNotBlank();
        assertThat(json(info).at("/build/time").asString()).isNotBlank();
    }
}
