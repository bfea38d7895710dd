package dev.arca.agent.cocoas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.arca.agent.attester.SampleAttester;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The coco_as token type (guest-components kbs_protocol) against a stand-in attestation service endpoint. */
class CocoAsTokenClientTest {

    private HttpServer attestationService;
    private final AtomicReference<JsonNode> request = new AtomicReference<>();
    private volatile int status = 200;

    @BeforeEach
    void start() throws Exception {
        attestationService = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        attestationService.createContext("/attestation", exchange -> {
            try (exchange) {
                request.set(Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes()));
                byte[] body = (status == 200 ? "header.payload.signature\n" : "policy denied")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        attestationService.start();
    }

    @AfterEach
    void stop() {
        attestationService.stop(0);
    }

    private CocoAsTokenClient client() {
        return new CocoAsTokenClient(URI.create("http://127.0.0.1:" + attestationService.getAddress().getPort() + "/"),
                Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @Test
    void postsEvidenceWithEmptyReportDataAndReturnsTheAnswerText() throws Exception {
        assertThat(client().token(new SampleAttester())).isEqualTo("header.payload.signature");

        JsonNode sent = request.get();
        assertThat(sent.at("/verification_requests/0/tee").asString()).isEqualTo("sample");
        byte[] evidence = Base64s.fromUrl(sent.at("/verification_requests/0/evidence").asString());
        assertThat(Json.MAPPER.readTree(evidence).get("report_data").asString()).isEmpty();
        assertThat(sent.get("policy_ids")).isEmpty();
    }

    @Test
    void aRefusalCarriesTheServicesAnswer() {
        status = 401;
        assertThatThrownBy(() -> client().token(new SampleAttester())).hasMessageContaining("HTTP 401: policy denied");
    }
}
