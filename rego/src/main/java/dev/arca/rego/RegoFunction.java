package dev.arca.rego;

import dev.arca.rego.value.Value;
import java.util.List;

/**
 * A custom built-in (e.g. Trustee's {@code query_reference_value(id)}): ground arguments in, a value out, or
 * {@code null} for undefined. An exception it throws makes the call undefined (or, with strict built-in errors, fails
 * the evaluation); it never escapes as anything but a {@link RegoException}.
 */
@FunctionalInterface
public interface RegoFunction {
    Value apply(List<Value> args);
}
