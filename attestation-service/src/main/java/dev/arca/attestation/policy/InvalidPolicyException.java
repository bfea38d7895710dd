package dev.arca.attestation.policy;

/**
 * A policy text that does not compile, compiles to something other than a trust-vector map, or whose estimated cost
 * exceeds the evaluation budget ({@link #overBudget()}).
 */
public class InvalidPolicyException extends Exception {

    private final boolean overBudget;

    public InvalidPolicyException(String message) {
        this(message, false);
    }

    public InvalidPolicyException(String message, boolean overBudget) {
        super(message);
        this.overBudget = overBudget;
    }

    /** It compiles, but its estimated iterations exceed the budget (docs/policies.md "Upload-time estimate"). */
    public boolean overBudget() {
        return overBudget;
    }
}
