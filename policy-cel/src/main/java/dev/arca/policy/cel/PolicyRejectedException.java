package dev.arca.policy.cel;

/**
 * A policy refused at upload: it does not compile, its result has the wrong type, or its estimated cost exceeds the
 * budget. The message is meant for the admin who uploaded it (compiler positions, the offending iterables).
 */
public class PolicyRejectedException extends Exception {

    /** Why a policy was refused. */
    public enum Reason {
        /** Parse or type-check errors: the compiler's message. */
        INVALID,
        /** It compiles, but to a type the service cannot use (not a bool, not a trust-vector map). */
        RESULT_TYPE,
        /** Its estimated iterations exceed the budget ({@link IterationEstimate}). */
        OVER_BUDGET
    }

    private final Reason reason;

    public PolicyRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
