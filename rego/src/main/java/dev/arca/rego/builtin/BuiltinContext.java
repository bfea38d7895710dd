package dev.arca.rego.builtin;

import dev.arca.rego.value.Value;
import java.time.Instant;
import java.util.Map;

/**
 * What a built-in may see of the evaluation: the query's clock reading (one instant per query, as OPA's
 * {@code time.now_ns}) and a per-query cache (for {@code uuid.rfc4122}'s same-key-same-result rule).
 */
public record BuiltinContext(Instant now, Map<Value, Value> queryCache) {
}
