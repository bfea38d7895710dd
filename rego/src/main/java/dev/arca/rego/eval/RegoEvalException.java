package dev.arca.rego.eval;

import dev.arca.rego.RegoException;
import dev.arca.rego.syntax.Location;

/** Evaluation failed: a conflict, a strict built-in error, an unsafe variable, ... (OPA's {@code eval_*} codes). */
public final class RegoEvalException extends RegoException {
    public RegoEvalException(String code, Location at, String message) {
        super(code, at, message);
    }
}
