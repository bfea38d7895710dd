package dev.arca.policy.cel;

/**
 * What evaluating a policy came to. Callers map anything but {@link Value} to their fail-closed verdict (deny,
 * contraindicated).
 */
public sealed interface PolicyOutcome {

    /** The policy ran to a value (maps, lists, String, Boolean, Long, Double, … as cel-java returns them). */
    record Value(Object value) implements PolicyOutcome {
    }

    /**
     * The evaluation was stopped: it reached the iteration budget or the deadline.
     *
     * @param detail which limit, in words fit for a log or an audit record
     */
    record BudgetExceeded(String detail) implements PolicyOutcome {
    }

    /**
     * The evaluation failed: a missing key, a wrong type, a function that threw, a stored text that no longer compiles.
     *
     * @param detail the evaluator's message
     * @param cause  the exception, for logs only (never for responses)
     */
    record Failed(String detail, Throwable cause) implements PolicyOutcome {
    }
}
