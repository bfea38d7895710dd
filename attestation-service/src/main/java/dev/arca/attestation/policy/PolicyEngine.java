package dev.arca.attestation.policy;

import dev.arca.attestation.rvps.RvpsUnavailableException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Evaluates one device's annotated evidence with a policy (docs/architecture.md "Attestation policy"). Whatever goes
 * wrong — RVPS unreachable beyond the cache's stale bound, a key missing from the evidence, a malformed result, a
 * bug — the device is appraised as contraindicated (hardware 97) and the reason logged: the engine fails closed and
 * never returns "affirming" by accident.
 */
@Component
public class PolicyEngine {

    private static final Logger log = LoggerFactory.getLogger(PolicyEngine.class);

    private final CompiledPolicies compiled;

    PolicyEngine(CompiledPolicies compiled) {
        this.compiled = compiled;
    }

    public PolicyVerdict appraise(NamedPolicy policy, ObjectNode input) {
        ReferenceValueFunctions.startEvaluation();
        PolicyVerdict verdict;
        try {
            Object result = compiled.program(policy).eval(Map.of(CelPolicyCompiler.INPUT, CelValues.of(input)));
            verdict = PolicyResult.read(result);
        } catch (Exception | StackOverflowError e) {
            String reason = ReferenceValueFunctions.takeRvpsFailure().isPresent()
                    ? PolicyVerdict.RVPS_UNAVAILABLE : PolicyVerdict.POLICY_ERROR;
            log.warn("attestation policy '{}' failed ({}), appraising as contraindicated: {}", policy.id(), reason,
                    reasons(e));
            return PolicyVerdict.failClosed(reason);
        }
        // a reference value that could not be read fails the appraisal even where the expression absorbed the error
        Optional<RvpsUnavailableException> rvps = ReferenceValueFunctions.takeRvpsFailure();
        if (rvps.isPresent()) {
            log.warn("attestation policy '{}' could not read a reference value, appraising as contraindicated: {}",
                    policy.id(), rvps.get().getMessage());
            return PolicyVerdict.failClosed(PolicyVerdict.RVPS_UNAVAILABLE);
        }
        return verdict;
    }

    private static String reasons(Throwable e) {
        StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            out.append(" <- ").append(cause.getMessage());
        }
        return out.toString();
    }
}
