package dev.arca.rego.builtin;

/** A built-in refused its operands: {@code eval_type_error} for a wrong type, {@code eval_builtin_error} otherwise. */
public final class BuiltinException extends RuntimeException {
    private final String code;

    private BuiltinException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public static BuiltinException type(String message) {
        return new BuiltinException("eval_type_error", message);
    }

    public static BuiltinException failed(String message) {
        return new BuiltinException("eval_builtin_error", message);
    }

    public String code() {
        return code;
    }
}
