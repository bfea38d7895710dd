package dev.arca.model.kbs;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.arca.model.tee.Tee;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Body of POST /kbs/v0/auth (Trustee kbs_attestation_protocol.md). {@code tee} stays a string on the wire so that an
 * unknown TEE can be answered with a precise error rather than a generic parse failure.
 */
public record KbsRequest(
        String version,
        String tee,
        @JsonProperty("extra-params") JsonNode extraParams) {

    public Optional<Tee> teeType() {
        return Tee.fromWire(tee);
    }
}
