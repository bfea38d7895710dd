package dev.arca.service.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class KubernetesEventsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:11:12.345Z"), ZoneOffset.UTC);

    @TempDir
    Path serviceAccount;

    private FakeKubernetesApiServer api;

    @BeforeEach
    void mountServiceAccount() throws Exception {
        api = new FakeKubernetesApiServer();
        Files.writeString(serviceAccount.resolve("token"), "token-1\n");
        Files.writeString(serviceAccount.resolve("ca.crt"), api.certificatePem());
        Files.writeString(serviceAccount.resolve("namespace"), "tenant-a\n");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private KubernetesEventProperties properties(String podName) {
        return new KubernetesEventProperties(true, null, serviceAccount, podName, "uid-1", Duration.ofSeconds(2));
    }

    private KubernetesEvents events() {
        return KubernetesEvents.inCluster(properties("kbs-0"), "kbs", Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1",
                "KUBERNETES_SERVICE_PORT", String.valueOf(api.url().getPort())), CLOCK);
    }

    @Test
    void aRefusalBecomesAWarningEventAboutThePod() throws Exception {
        events().refused("resource policy", Path.of("/etc/arca/policies/tenant-a"), "does not compile: line 2",
                true);

        FakeKubernetesApiServer.Request request = api.next();
        assertThat(request).isNotNull();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v1/namespaces/tenant-a/events");
        assertThat(request.authorization()).isEqualTo("Bearer token-1");
        assertThat(request.contentType()).isEqualTo("application/json");
        JsonNode event = JsonMapper.builder().build().readTree(request.body());
        assertThat(event.path("kind").asString()).isEqualTo("Event");
        assertThat(event.path("type").asString()).isEqualTo("Warning");
        assertThat(event.path("reason").asString()).isEqualTo("DeclaredFileRefused");
        assertThat(event.path("message").asString())
                .isEqualTo("resource policy file tenant-a refused, previous version kept: does not compile: line 2");
        assertThat(event.path("metadata").path("generateName").asString()).isEqualTo("kbs-0.");
        assertThat(event.path("involvedObject").path("kind").asString()).isEqualTo("Pod");
        assertThat(event.path("involvedObject").path("name").asString()).isEqualTo("kbs-0");
        assertThat(event.path("involvedObject").path("namespace").asString()).isEqualTo("tenant-a");
        assertThat(event.path("involvedObject").path("uid").asString()).isEqualTo("uid-1");
        assertThat(event.path("source").path("component").asString()).isEqualTo("kbs");
        assertThat(event.path("firstTimestamp").asString()).isEqualTo("2026-12-06T10:11:12Z");
    }

    @Test
    void theTokenIsReadAgainForEachEventBecauseKubeletRotatesIt() throws Exception {
        KubernetesEvents events = events();
        events.refused("attestation policy", Path.of("a"), "x", false);
        assertThat(api.next().authorization()).isEqualTo("Bearer token-1");
        Files.writeString(serviceAccount.resolve("token"), "token-2");
        events.refused("attestation policy", Path.of("a"), "y", false);
        assertThat(api.next().authorization()).isEqualTo("Bearer token-2");
    }

    @Test
    void aLongReasonIsCutToWhatTheApiServerTakes() throws Exception {
        events().refused("reference value", Path.of("rv"), "x".repeat(5000), false);
        JsonNode event = JsonMapper.builder().build().readTree(api.next().body());
        assertThat(event.path("message").asString()).hasSize(1024).startsWith("reference value file rv refused");
    }

    @Test
    void anApiServerThatRefusesOrCannotBeReachedChangesNothing() throws Exception {
        api.answer(403);
        KubernetesEvents events = events();
        events.refused("resource policy", Path.of("p"), "bad", false);
        assertThat(api.next()).isNotNull();
        api.close();
        // nothing thrown: the refusal is logged and the scan goes on
        events.refused("resource policy", Path.of("p"), "bad again", false);
    }

    @Test
    void anUntrustedApiServerGetsNoToken() throws Exception {
        try (FakeKubernetesApiServer impostor = new FakeKubernetesApiServer()) {
            KubernetesEvents events = KubernetesEvents.inCluster(
                    new KubernetesEventProperties(true, impostor.url(), serviceAccount, "kbs-0", null,
                            Duration.ofSeconds(2)), "kbs", Map.of(), CLOCK);
            events.refused("resource policy", Path.of("p"), "bad", false);
            // the TLS handshake fails against the mounted CA, so no request (and no token) reaches the impostor
            assertThat(impostor.next()).isNull();
        }
    }

    @Test
    void turningEventsOnWithoutWhatTheyNeedStopsTheStart() throws IOException {
        assertThatThrownBy(() -> KubernetesEvents.inCluster(properties(null), "kbs",
                Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1"), CLOCK))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("pod-name");
        assertThatThrownBy(() -> KubernetesEvents.inCluster(properties("kbs-0"), "kbs", Map.of(), CLOCK))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("KUBERNETES_SERVICE_HOST");
        Files.delete(serviceAccount.resolve("token"));
        assertThatThrownBy(() -> KubernetesEvents.inCluster(properties("kbs-0"), "kbs",
                Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1"), CLOCK))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("automountServiceAccountToken");
    }
}
