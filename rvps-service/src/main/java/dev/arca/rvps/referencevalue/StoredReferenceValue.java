package dev.arca.rvps.referencevalue;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.arca.model.rvps.ReferenceValue;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * What the read endpoints answer: a {@link ReferenceValue} ({@code version, name, expiration, value}) and, when asked
 * for with {@code provenance=true}, the provenance of its registration. Without it the JSON is exactly the
 * {@code ReferenceValue} shape of docs/architecture.md.
 */
public record StoredReferenceValue(String version, String name, Instant expiration,
                                   @Schema(description = "any JSON value, usually an array of accepted values",
                                           types = {"array", "object", "string", "number", "boolean", "null"})
                                   JsonNode value,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) Provenance provenance) {

    static StoredReferenceValue of(ReferenceValue value) {
        return new StoredReferenceValue(value.version(), value.name(), value.expiration(), value.value(), null);
    }

    public ReferenceValue referenceValue() {
        return new ReferenceValue(version, name, expiration, value);
    }
}
