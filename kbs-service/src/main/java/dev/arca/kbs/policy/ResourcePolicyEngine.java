package dev.arca.kbs.policy;

import dev.arca.model.policy.BuiltInResourcePolicy;
import dev.arca.model.policy.PolicyType;
import dev.arca.policy.cel.CelValues;
import dev.arca.policy.cel.CompiledPolicy;
import dev.arca.policy.cel.PolicyEnvironment;
import dev.arca.policy.cel.PolicyOutcome;
import dev.arca.policy.cel.PolicyRejectedException;
import dev.arca.rego.RegoEngine;
import dev.arca.rego.RegoException;
import dev.arca.rego.eval.BudgetExceededException;
import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.Value;
import dev.cel.common.types.CelKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Compiles and evaluates resource policies in Rego or CEL, the text decides ({@link PolicyLanguage}).
 *
 * <p>Rego policies run as upstream's KBS runs them (protocol 0.4.0): {@code data.policy.allow} with {@code input} the
 * verified token claims and {@code data} {@code {"plugin", "resource-path": [segments], "query": {...}}}, in Arca's
 * pure-Java engine (docs/rego.md) under a step budget of ten steps per allowed CEL iteration and the same deadline.
 *
 * <p>CEL policies run in the shared CEL environment (module policy-cel, docs/policies.md): one
 * boolean expression over {@code input} (the verified token claims) and {@code request} (docs/architecture.md). Only
 * the value {@code true} releases; false, any other value, an evaluation error or an evaluation over budget denies
 * (fail closed, as Trustee's KBS policy engine does).
 *
 * <p>A policy is type-checked and its cost estimated at upload, so mistakes (undeclared names, unknown functions, a
 * non-boolean result, nested loops that may run for seconds) are reported then.
 */
@Component
public class ResourcePolicyEngine {

    private static final Logger log = LoggerFactory.getLogger(ResourcePolicyEngine.class);

    /** How one evaluation ended, with the words for the audit record when it did not release. */
    public enum Verdict {
        ALLOWED, DENIED, BUDGET_EXCEEDED, FAILED
    }

    /** A verdict and, for {@link Verdict#BUDGET_EXCEEDED} and {@link Verdict#FAILED}, why. */
    public record Evaluation(Verdict verdict, String detail) {

        public boolean allowed() {
            return verdict == Verdict.ALLOWED;
        }
    }

    private final PolicyEnvironment environment;
    private final RegoEngine rego;
    private final String builtInDefault;

    public ResourcePolicyEngine(ResourcePolicyProperties properties) {
        this.builtInDefault = properties.defaultLanguage() == PolicyLanguage.REGO
                ? BuiltInResourcePolicy.DEFAULT.rego() : BuiltInResourcePolicy.DEFAULT.cel();
        this.rego = RegoEngine.builder()
                .maxSteps(10L * properties.maxIterations())
                .timeout(properties.deadline())
                .cacheSize(properties.cacheSize())
                .build();
        this.environment = PolicyEnvironment.builder()
                .variable("input")
                .variable("request")
                // a dyn result (a claim read from JSON) passes the check; at run time only `true` releases
                .resultType(type -> type.kind() == CelKind.BOOL || type.kind() == CelKind.DYN ? Optional.empty()
                        : Optional.of("a resource policy must evaluate to a bool, this one evaluates to "
                                + type.name()))
                .budget(properties.budget())
                .cacheSize(properties.cacheSize())
                .build();
    }

    /** Arca's default resource policy in the configured language ({@code arca.kbs.policy.default-language}). */
    public String builtInDefault() {
        return builtInDefault;
    }

    /** Checks a CEL policy (an upload); the message of the exception is for the admin. */
    public CompiledPolicy compile(String text) throws PolicyRejectedException {
        return environment.compile(text);
    }

    /** Checks a policy in either language (an upload); the message of the exception is for the admin. */
    public void validate(String text) throws PolicyRejectedException {
        validate(text, Optional.empty());
    }

    /** Checks a policy in the language its upload declares, else its text's; the message is for the admin. */
    public void validate(String text, Optional<PolicyType> declared) throws PolicyRejectedException {
        if (PolicyLanguage.of(declared, text) == PolicyLanguage.REGO) {
            try {
                rego.compile(text);
            } catch (RegoException e) {
                throw new PolicyRejectedException(PolicyRejectedException.Reason.INVALID, e.getMessage());
            }
            return;
        }
        environment.compile(text);
    }

    /** True only when the policy evaluates to exactly {@code true}. */
    public boolean allows(String policyText, JsonNode claims, PolicyRequest request) {
        return evaluate(policyText, claims, request).allowed();
    }

    public Evaluation evaluate(String policyText, JsonNode claims, PolicyRequest request) {
        if (PolicyLanguage.of(policyText) == PolicyLanguage.REGO) {
            return evaluateRego(policyText, claims, request);
        }
        PolicyOutcome outcome = environment.evaluate(policyText,
                Map.of("input", CelValues.of(claims), "request", request.toCel()));
        return switch (outcome) {
            case PolicyOutcome.Value value -> Boolean.TRUE.equals(value.value())
                    ? new Evaluation(Verdict.ALLOWED, null) : new Evaluation(Verdict.DENIED, null);
            case PolicyOutcome.BudgetExceeded exceeded -> {
                log.warn("resource policy evaluation over budget, denying: {}", exceeded.detail());
                yield new Evaluation(Verdict.BUDGET_EXCEEDED, exceeded.detail());
            }
            case PolicyOutcome.Failed failed -> {
                log.info("resource policy evaluation failed, denying: {}", failed.detail());
                yield new Evaluation(Verdict.FAILED, failed.detail());
            }
        };
    }

    private Evaluation evaluateRego(String policyText, JsonNode claims, PolicyRequest request) {
        try {
            Optional<Value> allow = rego.compile(policyText)
                    .evaluate("data.policy.allow", dev.arca.rego.value.Json.fromNode(claims), regoData(request));
            // exactly true releases; false, undefined or any other value denies
            return allow.filter(BoolValue.TRUE::equals).isPresent()
                    ? new Evaluation(Verdict.ALLOWED, null) : new Evaluation(Verdict.DENIED, null);
        } catch (BudgetExceededException e) {
            log.warn("resource policy evaluation over budget, denying: {}", e.getMessage());
            return new Evaluation(Verdict.BUDGET_EXCEEDED, e.getMessage());
        } catch (RegoException e) {
            log.info("resource policy evaluation failed, denying: {}", e.getMessage());
            return new Evaluation(Verdict.FAILED, e.getMessage());
        }
    }

    /** Upstream's policy data for protocol 0.4.0, plus the method and the plugin's attributes as CEL sees them. */
    static Value regoData(PolicyRequest request) {
        Map<String, Object> data = new LinkedHashMap<>(request.attributes());
        data.put("plugin", request.plugin());
        data.put("resource-path", request.path());
        data.put("query", request.query());
        data.put("method", request.method());
        return Value.fromJava(data);
    }
}
