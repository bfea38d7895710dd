package dev.arca.rego.eval;

/** A step budget and a deadline for one evaluation; the clock is read every 1024 steps only. */
final class Budget {
    private final long maxSteps;
    private final long deadlineNanos;
    private long steps;

    Budget(long maxSteps, long timeoutNanos) {
        this.maxSteps = maxSteps;
        this.deadlineNanos = System.nanoTime() + timeoutNanos;
    }

    void step() {
        if (++steps > maxSteps) {
            throw new BudgetExceededException("evaluation exceeded its budget of " + maxSteps + " steps");
        }
        if ((steps & 1023) == 0 && System.nanoTime() - deadlineNanos > 0) {
            throw new BudgetExceededException("evaluation exceeded its deadline");
        }
    }

    /** Nanoseconds left before the deadline (0 when past it): built-ins that wait, such as http.send, stay within. */
    long remainingNanos() {
        return Math.max(0, deadlineNanos - System.nanoTime());
    }

    long used() {
        return steps;
    }
}
