package dev.arca.attestation.token;

import dev.arca.attestation.policy.TrustVector;
import dev.arca.model.tee.Tee;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One device's appraisal, which becomes one EAR submod (Trustee attestation_token.md).
 *
 * @param tee               the TEE whose verifier produced the device's claims
 * @param deviceClass       names the submod ({@code cpu0}, {@code gpu0}, …)
 * @param policyId          the requested policy id, without the class suffix
 * @param trustVector       what the policy concluded
 * @param annotatedEvidence the policy input, embedded in the token
 * @param extensions        EAR extensions of the submod (name → value), e.g. {@code ear.trustee.identifiers}
 */
public record Appraisal(Tee tee, String deviceClass, String policyId, TrustVector trustVector,
        ObjectNode annotatedEvidence, Map<String, JsonNode> extensions) {

    public Appraisal {
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }
}
