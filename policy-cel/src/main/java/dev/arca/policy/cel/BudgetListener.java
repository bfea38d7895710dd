package dev.arca.policy.cel;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationListener;
import java.time.Duration;
import java.util.BitSet;

/**
 * Enforces the budget of one evaluation from inside it. cel-java 0.14 calls a {@link CelEvaluationListener} after
 * every expression node it evaluates (the planner's {@code PlannedInterpretable.eval}); it has no cancellation and
 * never looks at {@link Thread#isInterrupted()}, so interrupting the thread would not stop a runaway loop, and a
 * {@code Future.get(timeout)} would only abandon the thread while it keeps burning CPU. The listener is the one place
 * inside the loop where time and iterations can be checked:
 *
 * <ul>
 * <li>iterations: every comprehension evaluates its loop condition once per element, so counting the evaluations of
 *     the loop-condition nodes counts the iterations of all loops of the evaluation together;</li>
 * <li>deadline: {@link System#nanoTime()} every {@value #CLOCK_EVERY} nodes (a node takes tens of nanoseconds, the
 *     clock read about twenty).</li>
 * </ul>
 *
 * Over budget it throws {@link Exceeded}, an {@link Error}: the planner absorbs {@link Exception}s of the operands of
 * {@code ||}, {@code &&} and of the macros' steps (CEL's commutative error semantics, {@code error || true} is
 * {@code true}), which would let the evaluation continue; an {@code Error} passes through all of them and ends the
 * evaluation at once. The listener also latches, so should anything still swallow it, every later node throws again
 * and the outcome is reported as over budget whatever value comes out.
 */
final class BudgetListener implements CelEvaluationListener {

    private static final int CLOCK_EVERY = 64;

    /** Ends an evaluation over budget; carries no stack trace, it is control flow, not a fault. */
    static final class Exceeded extends Error {

        Exceeded(String message) {
            super(message, null, false, false);
        }
    }

    private final BitSet loopConditions;
    private final int maxIterations;
    private final Duration deadline;
    private final long deadlineNanos;
    private long iterations;
    private long nodes;
    private String exceeded;

    BudgetListener(BitSet loopConditions, EvaluationBudget budget) {
        this.loopConditions = loopConditions;
        this.maxIterations = budget.maxIterations();
        this.deadline = budget.deadline();
        this.deadlineNanos = System.nanoTime() + budget.deadline().toNanos();
    }

    @Override
    public void callback(CelExpr expr, Object value) {
        if (exceeded != null) {
            throw new Exceeded(exceeded);
        }
        long id = expr.id();
        if (id >= 0 && id < loopConditions.length() && loopConditions.get((int) id) && ++iterations > maxIterations) {
            trip("the evaluation reached its budget of " + maxIterations + " comprehension iterations");
        }
        if (++nodes % CLOCK_EVERY == 0 && System.nanoTime() - deadlineNanos > 0) {
            trip("the evaluation ran past its deadline of " + deadline.toMillis() + " ms");
        }
    }

    private void trip(String reason) {
        exceeded = reason;
        throw new Exceeded(reason);
    }

    /** Why the evaluation was stopped, or null when it was not. */
    String exceeded() {
        return exceeded;
    }

    long iterations() {
        return iterations;
    }
}
