package dev.arca.model.kbs;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * Answer to /auth: a standard-base64 nonce and the negotiated extra parameters (Trustee kbs_attestation_protocol.md).
 */
public record Challenge(
        String nonce,
        @JsonProperty("extra-params") JsonNode extraParams) {
}
