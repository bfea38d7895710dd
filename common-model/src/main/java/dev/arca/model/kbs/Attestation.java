package dev.arca.model.kbs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of POST /kbs/v0/attest for protocol 0.4.0 (Trustee kbs_attestation_protocol.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attestation(
        @JsonProperty("init-data") InitData initData,
        @JsonProperty("runtime-data") RuntimeData runtimeData,
        @JsonProperty("tee-evidence") CompositeEvidence teeEvidence) {
}
