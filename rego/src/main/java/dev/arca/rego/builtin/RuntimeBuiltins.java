package dev.arca.rego.builtin;

import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.math.BigInteger;
import java.util.List;

/** What comes from the embedder's {@link Environment}: {@code opa.runtime}, {@code rand.intn}, {@code trace}. */
final class RuntimeBuiltins {
    private RuntimeBuiltins() {
    }

    static void register(Builtins.Registry r) {
        r.add("opa.runtime", 0, (a, cx) -> cx.environment().runtime());
        r.add("rand.intn", 2, (a, cx) -> {
            String key = Args.string(a, 0);
            BigInteger n = NumberBuiltins.integer(a, 1).abs();
            if (n.bitLength() > 62) {
                throw BuiltinException.failed("n too large");
            }
            if (n.signum() == 0) {
                return NumberValue.of(0);
            }
            // the same arguments give the same number within one query, as OPA documents
            return cx.queryCache().computeIfAbsent(
                    new ArrayValue(List.of(new StringValue("rand.intn"), new StringValue(key), NumberValue.of(n.longValue()))),
                    k -> NumberValue.of(cx.environment().random().nextLong(n.longValue())));
        });
        r.add("trace", 1, (a, cx) -> {
            cx.environment().printSink().accept("trace: " + Args.string(a, 0));
            return BoolValue.TRUE;
        });
    }
}
