package dev.arca.model.as;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * Exactly one of: {@code raw} (base64url bytes used as the expected report data as they are) or {@code structured}
 * (JSON hashed as RFC 8785 text) — Trustee restful-as.md.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuntimeDataInput(String raw, JsonNode structured) {

    public static RuntimeDataInput structured(JsonNode value) {
        return new RuntimeDataInput(null, value);
    }

    public static RuntimeDataInput raw(String base64Url) {
        return new RuntimeDataInput(base64Url, null);
    }

    public boolean isExactlyOne() {
        return (raw != null) != (structured != null && !structured.isNull());
    }
}
