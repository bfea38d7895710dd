package dev.arca.rego.builtin;

import dev.arca.rego.value.Value;
import java.time.Instant;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What a built-in may see of the evaluation: the query's clock reading (one instant per query, as OPA's
 * {@code time.now_ns}), a per-query cache (for the same-arguments-same-result rule of {@code uuid.rfc4122},
 * {@code rand.intn} and {@code http.send}), the embedder's {@link Environment}, and the time left before the query's
 * deadline (a built-in that waits must not outlast it).
 */
public record BuiltinContext(Instant now, Map<Value, Value> queryCache, Environment environment,
        LongSupplier remainingNanos) {
    public BuiltinContext(Instant now, Map<Value, Value> queryCache) {
        this(now, queryCache, Environment.DEFAULT, () -> Long.MAX_VALUE);
    }
}
