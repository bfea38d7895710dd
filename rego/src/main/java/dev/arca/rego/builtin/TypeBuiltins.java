package dev.arca.rego.builtin;

import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.NullValue;
import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.ObjectValue;
import dev.arca.rego.value.SetValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/** Types ({@code type_name}, {@code is_*}), membership ({@code in}), {@code walk} and {@code print}. */
final class TypeBuiltins {
    private TypeBuiltins() {
    }

    static void register(Builtins.Registry r) {
        r.add1("type_name", a -> new StringValue(a.get(0).typeName()));
        r.add1("is_number", a -> BoolValue.of(a.get(0) instanceof NumberValue));
        r.add1("is_string", a -> BoolValue.of(a.get(0) instanceof StringValue));
        r.add1("is_boolean", a -> BoolValue.of(a.get(0) instanceof BoolValue));
        r.add1("is_array", a -> BoolValue.of(a.get(0) instanceof ArrayValue));
        r.add1("is_set", a -> BoolValue.of(a.get(0) instanceof SetValue));
        r.add1("is_object", a -> BoolValue.of(a.get(0) instanceof ObjectValue));
        r.add1("is_null", a -> BoolValue.of(a.get(0) instanceof NullValue));
        r.add2("internal.member_2", a -> BoolValue.of(switch (a.get(1)) {
            case ArrayValue arr -> arr.items().contains(a.get(0));
            case SetValue s -> s.items().contains(a.get(0));
            case ObjectValue o -> o.entries().containsValue(a.get(0));
            default -> false;
        }));
        r.add3("internal.member_3", a -> {
            Value key = a.get(0);
            Value v = switch (a.get(2)) {
                case ArrayValue arr -> key instanceof NumberValue n ? n.smallInt()
                        .filter(i -> i >= 0 && i < arr.items().size()).map(arr.items()::get).orElse(null) : null;
                case ObjectValue o -> o.entries().get(key);
                default -> null;
            };
            return BoolValue.of(v != null && v.equals(a.get(1)));
        });
        r.relation("walk", 1, a -> {
            var out = new ArrayList<Value>();
            walk(a.get(0), new ArrayList<>(), out);
            return out;
        });
        r.add("print", -1, (a, cx) -> BoolValue.TRUE);
    }

    private static void walk(Value v, List<Value> path, List<Value> out) {
        out.add(new ArrayValue(List.of(new ArrayValue(path), v)));
        switch (v) {
            case ArrayValue a -> {
                for (int i = 0; i < a.items().size(); i++) {
                    path.add(NumberValue.of(i));
                    walk(a.items().get(i), path, out);
                    path.remove(path.size() - 1);
                }
            }
            case ObjectValue o -> o.entries().forEach((k, val) -> {
                path.add(k);
                walk(val, path, out);
                path.remove(path.size() - 1);
            });
            case SetValue s -> s.items().forEach(e -> {
                path.add(e);
                walk(e, path, out);
                path.remove(path.size() - 1);
            });
            default -> {
            }
        }
    }
}
