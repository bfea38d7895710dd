package dev.arca.rego.syntax;

import dev.arca.rego.RegoException;

/** The text is not Rego: OPA's {@code rego_parse_error}, with the line and column of the offending token. */
public final class RegoParseException extends RegoException {
    public RegoParseException(Location at, String message) {
        super("rego_parse_error", at, message);
    }
}
