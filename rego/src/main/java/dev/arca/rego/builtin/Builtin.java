package dev.arca.rego.builtin;

import dev.arca.rego.value.Value;
import java.util.List;

/**
 * A built-in function: gets evaluated (ground) arguments, returns the result or {@code null} when it is undefined,
 * throws {@link BuiltinException} on bad operands.
 */
@FunctionalInterface
public interface Builtin {
    Value apply(List<Value> args, BuiltinContext context);
}
