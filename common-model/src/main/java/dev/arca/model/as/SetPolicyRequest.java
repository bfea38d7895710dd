package dev.arca.model.as;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Upload of an attestation policy (Trustee restful-as.md; the KBS's attestation-policy endpoint uses the same
 * body): {@code policy} is the base64url (no padding) of the policy text; {@code type} is informational.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SetPolicyRequest(
        @JsonProperty("policy_id") String policyId,
        String policy,
        String type) {
}
