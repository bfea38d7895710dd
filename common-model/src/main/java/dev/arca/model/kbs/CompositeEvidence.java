package dev.arca.model.kbs;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * The tee-evidence member of protocol 0.4.0: note the snake_case names, and that the additional evidence is a JSON
 * text (a map TEE name → evidence), or the empty string when there is none (Trustee kbs_attestation_protocol.md).
 */
public record CompositeEvidence(
        @JsonProperty("primary_evidence") JsonNode primaryEvidence,
        @JsonProperty("additional_evidence") String additionalEvidence) {

    public String additionalEvidenceOrEmpty() {
        return additionalEvidence == null ? "" : additionalEvidence;
    }
}
