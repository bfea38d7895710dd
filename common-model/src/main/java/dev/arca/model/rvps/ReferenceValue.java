package dev.arca.model.rvps;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** A stored reference value (Trustee rvps/README.md): name, the accepted value(s) as JSON, and its expiry. */
public record ReferenceValue(String version, String name, Instant expiration, JsonNode value) {
}
