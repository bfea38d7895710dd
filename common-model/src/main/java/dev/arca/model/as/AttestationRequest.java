package dev.arca.model.as;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Body of the AS's POST /attestation (Trustee restful-as.md). */
public record AttestationRequest(
        @JsonProperty("verification_requests") List<VerificationRequest> verificationRequests,
        @JsonProperty("policy_ids") List<String> policyIds) {
}
