package dev.arca.attestation.policy;

import dev.arca.policy.cel.EvaluationBudget;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What one attestation-policy evaluation may spend, and how the upload estimate counts (docs/attestation-service.md
 * "Configuration", docs/policies.md "Budget and deadline"). An appraisal over budget fails closed (hardware 97, reason
 * {@code budget_exceeded}); a policy whose estimate exceeds {@code maxIterations} is refused at upload (400
 * {@code invalid-policy}).
 *
 * @param maxIterations       comprehension iterations one evaluation may run, all loops together
 * @param deadline            wall-clock time one evaluation may take, reference-value look-ups included: longer than
 *                            the KBS's because an {@code rv()} that misses the cache waits for the RVPS
 * @param assumedIterableSize elements the upload estimate assumes for a list or map the policy does not spell out
 * @param cacheSize           compiled policies kept in memory
 * @param storeRefresh        how long a policy look-up in the store is reused: a policy uploaded or deleted through
 *                            another replica applies here at most this much later (through this replica: at once);
 *                            zero reads the store on every attestation
 * @param defaultLanguage     the language of the built-in defaults ({@code default_cpu}, …): {@code cel} (Arca's CEL
 *                            policies) or {@code rego} (Arca's Rego policies in upstream's contract); both decide alike
 */
@ConfigurationProperties("arca.as.policy")
public record PolicyProperties(
        @DefaultValue("100000") int maxIterations,
        @DefaultValue("5s") Duration deadline,
        @DefaultValue("1000") int assumedIterableSize,
        @DefaultValue("256") int cacheSize,
        @DefaultValue("5s") Duration storeRefresh,
        @DefaultValue("cel") PolicyLanguage defaultLanguage) {

    /** The defaults, for code that runs without Spring. */
    public static final PolicyProperties DEFAULTS = new PolicyProperties(100_000, Duration.ofSeconds(5), 1_000, 256,
            Duration.ofSeconds(5));

    /** With the CEL built-ins. */
    public PolicyProperties(int maxIterations, Duration deadline, int assumedIterableSize, int cacheSize,
            Duration storeRefresh) {
        this(maxIterations, deadline, assumedIterableSize, cacheSize, storeRefresh, PolicyLanguage.CEL);
    }

    @ConstructorBinding
    public PolicyProperties {
        try {
            new EvaluationBudget(maxIterations, deadline, assumedIterableSize);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("arca.as.policy: " + e.getMessage(), e);
        }
        if (storeRefresh == null || storeRefresh.isNegative()) {
            throw new IllegalArgumentException("arca.as.policy.store-refresh must be zero or positive");
        }
        if (cacheSize < 1) {
            throw new IllegalArgumentException("arca.as.policy.cache-size must be at least 1");
        }
        if (defaultLanguage == null) {
            throw new IllegalArgumentException("arca.as.policy.default-language must be cel or rego");
        }
    }

    public EvaluationBudget budget() {
        return new EvaluationBudget(maxIterations, deadline, assumedIterableSize);
    }
}
