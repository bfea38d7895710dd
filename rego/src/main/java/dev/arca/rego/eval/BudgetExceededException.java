package dev.arca.rego.eval;

import dev.arca.rego.RegoException;

/**
 * The evaluation ran out of its step budget or past its deadline. Callers treat it like any refusal: deny (fail
 * closed).
 */
public final class BudgetExceededException extends RegoException {
    public BudgetExceededException(String message) {
        super("eval_cancel_error", null, message);
    }
}
