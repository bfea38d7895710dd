package dev.arca.rego.eval;

import dev.arca.rego.RegoException;
import dev.arca.rego.syntax.Location;

/** The policy parses but cannot be compiled (OPA's {@code rego_compile_error}, {@code rego_type_error}, ...). */
public final class RegoCompileException extends RegoException {
    public RegoCompileException(String code, Location at, String message) {
        super(code, at, message);
    }
}
