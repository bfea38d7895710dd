package dev.arca.rvps.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.rvps.AsCaller;
import dev.arca.rvps.RvpsIntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The service with actuator on its own port, as the Helm chart runs it (MANAGEMENT_SERVER_PORT, docs/deployment.md
 * "Management port"): health, info and metrics answer there only, the API only on the service port, and the
 * management port still goes through the service's security filter chain.
 */
@TestPropertySource(properties = {"management.server.port=0", "management.server.address=127.0.0.1"})
class ManagementPortApiTest extends RvpsIntegrationTest {

    @LocalManagementPort
    private int managementPort;

    @Test
    void actuatorAnswersOnTheManagementPortOnly() {
        assertThat(managementPort).isPositive().isNotEqualTo(port);

        HttpResponse<String> readiness = onManagementPort("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(json(readiness).path("status").asString()).isEqualTo("UP");
        HttpResponse<String> metrics = onManagementPort("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        assertThat(onManagementPort("/actuator/info").statusCode()).isEqualTo(200);

        // the API port no longer serves the actuator, so an Ingress to it cannot publish the metrics
        assertThat(getAnonymous("/actuator/health/readiness").statusCode()).isEqualTo(404);
        assertThat(getAnonymous("/actuator/prometheus").statusCode()).isEqualTo(404);
    }

    @Test
    void theManagementPortServesNoApiAndRefusesWhatIsNotPublic() {
        assertThat(registerSample("{\"metrics/management-port\": 1}").statusCode()).isEqualTo(201);
        assertThat(get("/reference-values/metrics/management-port").statusCode()).isEqualTo(200);

        // the AS's own read, with its caller token, finds no API on the management port
        HttpResponse<String> read = send(HttpRequest.newBuilder(managementUri("/reference-values/metrics/management-port"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", AsCaller.authorization(clock)).GET());
        assertThat(read.statusCode()).isEqualTo(404);
        // anything but the public probes and metrics is refused there too, before it is looked up (fail closed)
        assertThat(onManagementPort("/actuator/env").statusCode()).isEqualTo(401);
        assertThat(onManagementPort("/reference-values/metrics/management-port").statusCode()).isEqualTo(401);
    }

    @Test
    void theSecurityFilterChainGuardsTheManagementPortToo() {
        HttpResponse<String> health = onManagementPort("/actuator/health");

        // headers written by Spring Security's filter chain, which the management child context shares
        assertThat(health.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(send(HttpRequest.newBuilder(managementUri("/actuator/health")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isIn(401, 403, 405);
    }

    private HttpResponse<String> onManagementPort(String path) {
        return send(HttpRequest.newBuilder(managementUri(path)).timeout(Duration.ofSeconds(30)).GET());
    }

    private URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }
}
