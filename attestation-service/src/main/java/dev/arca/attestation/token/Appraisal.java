package dev.arca.attestation.token;

import dev.arca.attestation.policy.TrustVector;
import dev.arca.model.tee.Tee;
import tools.jackson.databind.node.ObjectNode;

/**
 * One device's appraisal, which becomes one EAR submod (specs/as-rvps.md §4.1.3).
 *
 * @param tee               the TEE whose verifier produced the device's claims
 * @param deviceClass       names the submod ({@code cpu0}, {@code gpu0}, …)
 * @param policyId          the requested policy id, without the class suffix
 * @param trustVector       what the policy concluded
 * @param annotatedEvidence the policy input, embedded in the token
 */
public record Appraisal(Tee tee, String deviceClass, String policyId, TrustVector trustVector,
        ObjectNode annotatedEvidence) {
}
