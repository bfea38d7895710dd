package dev.arca.admin.kbs;

import dev.arca.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** A successful (2xx) answer of an admin endpoint. */
public record AdminResponse(int status, String contentType, byte[] body) {

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON, when it is JSON. */
    public Optional<JsonNode> json() {
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readTree(body));
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }
}
