package dev.arca.rvps.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.model.json.Json;
import dev.arca.rvps.RvpsIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestLimitsApiTest extends RvpsIntegrationTest {

    private static final int LIMIT = 1024 * 1024;

    @Test
    void bodyOverTheLimitIsRefusedWith413() {
        String body = message("sample", "A".repeat(LIMIT));

        assertThat(assertProblem(post("/reference-values", body, adminToken()), 413)).contains(
                String.valueOf(LIMIT));
    }

    @Test
    void chunkedBodyOverTheLimitIsRefusedWith413() {
        byte[] body = message("sample", "A".repeat(LIMIT)).getBytes(StandardCharsets.UTF_8);

        assertProblem(postChunked("/reference-values", body, adminToken()), 413);
    }

    @Test
    void chunkedBodyWithinTheLimitIsServed() {
        byte[] body = Json.write(Map.of("type", "sample", "payload", samplePayload("{\"limits/chunked\": [7]}")))
                .getBytes(StandardCharsets.UTF_8);

        assertThat(postChunked("/reference-values", body, adminToken()).statusCode()).isEqualTo(201);
        assertThat(json(get("/reference-values/limits/chunked")).path("value").get(0).asInt()).isEqualTo(7);
    }
}
