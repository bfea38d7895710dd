package dev.arca.model.as;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One device's evidence for the AS (Trustee restful-as.md): {@code evidence} is the base64url (no padding) of the
 * evidence JSON text.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationRequest(
        String tee,
        String evidence,
        @JsonProperty("runtime_data") RuntimeDataInput runtimeData,
        @JsonProperty("init_data") InitDataInput initData,
        @JsonProperty("runtime_data_hash_algorithm") String runtimeDataHashAlgorithm) {
}
