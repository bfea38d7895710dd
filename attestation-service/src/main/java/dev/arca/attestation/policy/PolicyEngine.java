package dev.arca.attestation.policy;

import dev.arca.rego.RegoEngine;
import dev.arca.rego.eval.BudgetExceededException;
import java.util.Map;

import dev.arca.attestation.rvps.RvpsUnavailableException;
import dev.arca.policy.cel.PolicyOutcome;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Evaluates one device's annotated evidence with a policy (docs/architecture.md "Attestation policy"). Whatever goes
 * wrong — RVPS unreachable beyond the cache's stale bound, a key missing from the evidence, a malformed result, an
 * evaluation over its iteration budget or deadline, a bug — the device is appraised as contraindicated (hardware 97)
 * and the reason logged: the engine fails closed and never returns "affirming" by accident.
 */
@Component
public class PolicyEngine {

    private static final Logger log = LoggerFactory.getLogger(PolicyEngine.class);

    private final CelPolicyCompiler compiler;
    private final RegoPolicyCompiler rego;

    public PolicyEngine(CelPolicyCompiler compiler, RegoPolicyCompiler rego) {
        this.compiler = compiler;
        this.rego = rego;
    }

    public PolicyVerdict appraise(NamedPolicy policy, ObjectNode input) {
        ReferenceValueFunctions.startEvaluation();
        PolicyOutcome outcome;
        PolicyVerdict verdict = null;
        String failure = null;
        String reason = null;
        try {
            if (RegoEngine.isModuleText(policy.text())) {
                return appraiseRego(policy, input);
            }
            outcome = compiler.evaluate(policy.text(), input);
            switch (outcome) {
                case PolicyOutcome.Value value -> verdict = PolicyResult.read(value.value());
                case PolicyOutcome.BudgetExceeded exceeded -> {
                    failure = PolicyVerdict.BUDGET_EXCEEDED;
                    reason = exceeded.detail();
                }
                case PolicyOutcome.Failed failed -> {
                    failure = PolicyVerdict.POLICY_ERROR;
                    reason = reasons(failed.detail(), failed.cause());
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            failure = PolicyVerdict.POLICY_ERROR;
            reason = reasons(e.getMessage(), e.getCause());
        }
        // a reference value that could not be read fails the appraisal even where the expression absorbed the error
        Optional<RvpsUnavailableException> rvps = ReferenceValueFunctions.takeRvpsFailure();
        if (rvps.isPresent()) {
            log.warn("attestation policy '{}' could not read a reference value, appraising as contraindicated: {}",
                    policy.id(), rvps.get().getMessage());
            return PolicyVerdict.failClosed(PolicyVerdict.RVPS_UNAVAILABLE);
        }
        if (failure != null) {
            log.warn("attestation policy '{}' failed ({}), appraising as contraindicated: {}", policy.id(), failure,
                    reason);
            return PolicyVerdict.failClosed(failure);
        }
        return verdict;
    }

    /** The same fail-closed rules for a Rego policy: any failure, an RVPS one included, is contraindicated. */
    private PolicyVerdict appraiseRego(NamedPolicy policy, ObjectNode input) {
        String failure;
        String reason;
        try {
            Map<String, Object> result = rego.evaluate(policy.text(), input);
            Optional<RvpsUnavailableException> rvps = ReferenceValueFunctions.takeRvpsFailure();
            if (rvps.isPresent()) {
                log.warn("attestation policy '{}' could not read a reference value, appraising as contraindicated: {}",
                        policy.id(), rvps.get().getMessage());
                return PolicyVerdict.failClosed(PolicyVerdict.RVPS_UNAVAILABLE);
            }
            return PolicyResult.read(result);
        } catch (BudgetExceededException e) {
            failure = PolicyVerdict.BUDGET_EXCEEDED;
            reason = e.getMessage();
        } catch (RuntimeException | StackOverflowError e) {
            failure = PolicyVerdict.POLICY_ERROR;
            reason = reasons(e.getMessage(), e.getCause());
        }
        if (ReferenceValueFunctions.takeRvpsFailure().isPresent()) {
            failure = PolicyVerdict.RVPS_UNAVAILABLE;
        }
        log.warn("attestation policy '{}' failed ({}), appraising as contraindicated: {}", policy.id(), failure, reason);
        return PolicyVerdict.failClosed(failure);
    }

    private static String reasons(String message, Throwable first) {
        StringBuilder out = new StringBuilder(String.valueOf(message));
        for (Throwable cause = first; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            out.append(" <- ").append(cause.getMessage());
        }
        return out.toString();
    }
}
