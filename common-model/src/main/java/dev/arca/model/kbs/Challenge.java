package dev.arca.model.kbs;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/** Answer to /auth: a standard-base64 nonce and the negotiated extra parameters (specs/kbs.md §2.1). */
public record Challenge(
        String nonce,
        @JsonProperty("extra-params") JsonNode extraParams) {
}
