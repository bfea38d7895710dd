package dev.arca.attestation.attest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.arca.model.as.VerificationRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Body of {@code POST /attestation}: upstream's {@code AttestationRequest} (Trustee restful-as.md) plus one Arca
 * extension, {@code verify_at}. Upstream clients never send it; the KBS sends the shared
 * {@link dev.arca.model.as.AttestationRequest}, which has the same JSON without it.
 *
 * @param verificationRequests one per device evidence; the first is the primary (cpu0)
 * @param policyIds            [] or absent means ["default"]; only the first is used
 * @param verifyAt             RFC 3339 instant to verify certificates and collateral at instead of now; refused
 *                             (400) unless {@code arca.as.allow-verify-as-of=true}
 */
public record AttestationApiRequest(
        @JsonProperty("verification_requests") List<VerificationRequest> verificationRequests,
        @JsonProperty("policy_ids") List<String> policyIds,
        @JsonProperty("verify_at")
        @Schema(description = "Arca extension: verify collateral and certificates as of this RFC 3339 instant; "
                + "refused with 400 unless the service sets arca.as.allow-verify-as-of=true",
                example = "2025-06-01T00:00:00Z")
        String verifyAt) {
}
