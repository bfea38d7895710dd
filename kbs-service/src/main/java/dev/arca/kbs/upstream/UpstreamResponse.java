package dev.arca.kbs.upstream;

import dev.arca.model.error.ErrorInformation;
import dev.arca.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The answer of the AS or the RVPS, kept as bytes so it can be relayed unchanged. */
public record UpstreamResponse(int status, byte[] body, Optional<String> contentType) {

    private static final int MAX_REASON_LENGTH = 512;

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public boolean isClientError() {
        return status >= 400 && status < 500;
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The upstream's problem body when it sent one ({type?, detail}), for relaying. */
    public Optional<ErrorInformation> problem() {
        try {
            JsonNode node = Json.tree(text());
            if (node != null && node.isObject() && node.path("detail").isString()) {
                return Optional.of(new ErrorInformation(
                        node.path("type").isString() ? node.path("type").asString() : null,
                        node.path("title").isString() ? node.path("title").asString() : null,
                        status,
                        node.path("detail").asString()));
            }
        } catch (RuntimeException notJson) {
            // a plain-text reason, handled below
        }
        return Optional.empty();
    }

    /** A short, single-line reason for error details: the problem detail, else the start of the body text. */
    public String reason() {
        String reason = problem().map(ErrorInformation::detail).orElseGet(this::text).strip();
        reason = reason.replaceAll("\\s+", " ");
        if (reason.isEmpty()) {
            return "status " + status;
        }
        return reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) + "…" : reason;
    }
}
