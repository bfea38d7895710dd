package dev.arca.policy.cel;

import java.time.Duration;
import java.util.Objects;

/**
 * What one policy evaluation may spend (docs/policies.md "Budget and deadline").
 *
 * @param maxIterations       comprehension iterations one evaluation may run, over all its {@code all}, {@code exists},
 *                            {@code map}, {@code filter}, … together; the next one ends it as over budget
 * @param deadline            wall-clock time one evaluation may take
 * @param assumedIterableSize for the upload-time estimate: how many elements a list or map the policy does not spell
 *                            out is assumed to hold ({@link IterationEstimate})
 */
public record EvaluationBudget(int maxIterations, Duration deadline, int assumedIterableSize) {

    /** The most either knob may be set to: far beyond any sane policy, well below int overflow in cel-java. */
    public static final int MAX_ITERATIONS_CEILING = 1_000_000_000;

    /**
     * 100 000 iterations take some tens of milliseconds; 1 s stops what the count does not see (a slow function, work
     * on a huge string). With 1 000 elements assumed per list, one loop, or a loop over the parts of another loop's
     * elements, passes the estimate; two independent nested loops (10^6) do not.
     */
    public static final EvaluationBudget DEFAULT = new EvaluationBudget(100_000, Duration.ofSeconds(1), 1_000);

    public EvaluationBudget {
        Objects.requireNonNull(deadline, "deadline");
        if (maxIterations < 1 || maxIterations > MAX_ITERATIONS_CEILING) {
            throw new IllegalArgumentException("max-iterations must be between 1 and " + MAX_ITERATIONS_CEILING
                    + ", got " + maxIterations);
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be a positive duration, got " + deadline);
        }
        if (assumedIterableSize < 1 || assumedIterableSize > MAX_ITERATIONS_CEILING) {
            throw new IllegalArgumentException("assumed-iterable-size must be between 1 and " + MAX_ITERATIONS_CEILING
                    + ", got " + assumedIterableSize);
        }
    }
}
