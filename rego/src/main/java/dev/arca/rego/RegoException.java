package dev.arca.rego;

import dev.arca.rego.syntax.Location;

/**
 * Every refusal of the engine: an OPA error code ({@code rego_parse_error}, {@code rego_compile_error},
 * {@code eval_conflict_error}, {@code eval_type_error}, {@code eval_builtin_error}, ...), the place in the policy where
 * known, and a message that never quotes input data beyond what the policy author wrote. Callers deny on it.
 */
public class RegoException extends RuntimeException {
    private final String code;
    private final transient Location location;

    public RegoException(String code, Location location, String message) {
        super(location == null ? code + ": " + message : location + ": " + code + ": " + message);
        this.code = code;
        this.location = location;
    }

    /** OPA's error code. */
    public String code() {
        return code;
    }

    /** Where in the policy, when known. */
    public Location location() {
        return location;
    }

    /** The message without code and location. */
    public String reason() {
        String m = getMessage();
        int i = m.indexOf(code + ": ");
        return i < 0 ? m : m.substring(i + code.length() + 2);
    }
}
