package dev.arca.kbs.policy;

import dev.arca.policy.cel.EvaluationBudget;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What one resource-policy evaluation may spend, and how the upload estimate counts (docs/kbs.md "Configuration",
 * docs/policies.md "Budget and deadline"). An evaluation over budget denies (403 {@code PolicyDeny}); a policy whose
 * estimate exceeds {@code maxIterations} is refused at upload (400 {@code ParsePolicyError}).
 *
 * @param maxIterations       comprehension iterations one evaluation may run, all loops together
 * @param deadline            wall-clock time one evaluation may take
 * @param assumedIterableSize elements the upload estimate assumes for a list or map the policy does not spell out
 * @param cacheSize           compiled policies kept in memory (one per stored policy is the working set)
 * @param defaultLanguage     the language of the built-in default policy (in force until an admin stores one):
 *                            {@code cel} or {@code rego}; both decide alike
 */
@ConfigurationProperties("arca.kbs.policy")
public record ResourcePolicyProperties(
        @DefaultValue("100000") int maxIterations,
        @DefaultValue("1s") Duration deadline,
        @DefaultValue("1000") int assumedIterableSize,
        @DefaultValue("256") int cacheSize,
        @DefaultValue("cel") PolicyLanguage defaultLanguage) {

    /** The defaults, for code that runs without Spring. */
    public static final ResourcePolicyProperties DEFAULTS = new ResourcePolicyProperties(100_000,
            Duration.ofSeconds(1), 1_000, 256);

    /** With the CEL default. */
    public ResourcePolicyProperties(int maxIterations, Duration deadline, int assumedIterableSize, int cacheSize) {
        this(maxIterations, deadline, assumedIterableSize, cacheSize, PolicyLanguage.CEL);
    }

    @ConstructorBinding
    public ResourcePolicyProperties {
        try {
            new EvaluationBudget(maxIterations, deadline, assumedIterableSize);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("arca.kbs.policy: " + e.getMessage(), e);
        }
        if (cacheSize < 1) {
            throw new IllegalArgumentException("arca.kbs.policy.cache-size must be at least 1");
        }
        if (defaultLanguage == null) {
            throw new IllegalArgumentException("arca.kbs.policy.default-language must be cel or rego");
        }
    }

    public EvaluationBudget budget() {
        return new EvaluationBudget(maxIterations, deadline, assumedIterableSize);
    }
}
