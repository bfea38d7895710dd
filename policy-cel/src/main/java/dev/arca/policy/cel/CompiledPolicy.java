package dev.arca.policy.cel;

import dev.cel.common.exceptions.CelIterationLimitExceededException;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.BitSet;
import java.util.Map;

/**
 * A policy that passed compilation, the result-type rule and the upload estimate, planned and ready to evaluate under
 * the environment's budget. Immutable and safe to share between threads: each evaluation has its own
 * {@link BudgetListener}.
 */
public final class CompiledPolicy {

    private final String text;
    private final CelRuntime.Program program;
    private final BitSet loopConditions;
    private final long estimatedIterations;
    private final EvaluationBudget budget;

    CompiledPolicy(String text, CelRuntime.Program program, BitSet loopConditions, long estimatedIterations,
            EvaluationBudget budget) {
        this.text = text;
        this.program = program;
        this.loopConditions = loopConditions;
        this.estimatedIterations = estimatedIterations;
        this.budget = budget;
    }

    public String text() {
        return text;
    }

    /** The upload-time estimate of the iterations one evaluation may run ({@link IterationEstimate}). */
    public long estimatedIterations() {
        return estimatedIterations;
    }

    /**
     * Evaluates the policy over the given variables (CEL values, e.g. from {@link CelValues#of}). Never throws for
     * anything the policy or its input does: failures and budget overruns are outcomes.
     */
    public PolicyOutcome evaluate(Map<String, ?> variables) {
        BudgetListener listener = new BudgetListener(loopConditions, budget);
        Object value;
        try {
            value = program.trace(variables, listener);
        } catch (BudgetListener.Exceeded e) {
            return new PolicyOutcome.BudgetExceeded(e.getMessage());
        } catch (CelEvaluationException e) {
            if (causedByIterationLimit(e)) {
                return new PolicyOutcome.BudgetExceeded("the evaluation reached its budget of "
                        + budget.maxIterations() + " comprehension iterations");
            }
            return listener.exceeded() != null ? new PolicyOutcome.BudgetExceeded(listener.exceeded())
                    : new PolicyOutcome.Failed(e.getMessage(), e);
        } catch (RuntimeException e) {
            return listener.exceeded() != null ? new PolicyOutcome.BudgetExceeded(listener.exceeded())
                    : new PolicyOutcome.Failed(String.valueOf(e.getMessage()), e);
        } catch (StackOverflowError e) {
            return new PolicyOutcome.Failed("the evaluation nested too deeply", e);
        }
        if (listener.exceeded() != null) {
            // a function binding swallowed the Error; the latch still answers
            return new PolicyOutcome.BudgetExceeded(listener.exceeded());
        }
        return new PolicyOutcome.Value(value);
    }

    /** cel-java's own iteration fence (set one above the listener's, see {@link PolicyEnvironment}) fired. */
    private static boolean causedByIterationLimit(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CelIterationLimitExceededException) {
                return true;
            }
        }
        return false;
    }
}
