package dev.arca.attestation.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What a policy concluded about one device: its trust vector and the EAR extensions it asked for
 * (docs/policies.md "Extensions"), or, when it could not be evaluated, the fail-closed vector and why.
 *
 * @param trustVector the categories the policy set
 * @param extensions  extension name → JSON value, placed beside the categories in the device's submod
 * @param failure     null when the policy ran; otherwise a short reason ({@code policy_error},
 *                    {@code rvps_unavailable}, {@code budget_exceeded}) and the vector is
 *                    {@link TrustVector#failClosed()}
 */
public record PolicyVerdict(TrustVector trustVector, Map<String, JsonNode> extensions, String failure) {

    public static final String POLICY_ERROR = "policy_error";
    public static final String RVPS_UNAVAILABLE = "rvps_unavailable";
    /** The evaluation reached its iteration budget or its deadline (docs/policies.md "Budget and deadline"). */
    public static final String BUDGET_EXCEEDED = "budget_exceeded";

    public PolicyVerdict {
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    static PolicyVerdict failClosed(String reason) {
        return new PolicyVerdict(TrustVector.failClosed(), Map.of(), reason);
    }

    public boolean failedClosed() {
        return failure != null;
    }
}
