package dev.arca.rego.builtin;

import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.Json;
import dev.arca.rego.value.NullValue;
import dev.arca.rego.value.ObjectValue;
import dev.arca.rego.value.SetValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code json.marshal_with_options(x, opts)}: JSON text as {@code json.marshal} writes it, or indented as Go's
 * {@code json.MarshalIndent} writes it: options {@code pretty} (boolean), {@code indent} (default a tab) and {@code
 * prefix} (default empty); giving {@code indent} or {@code prefix} implies {@code pretty} unless {@code pretty} says
 * otherwise; a null option is its default, null options pretty-print with the defaults; any other key, or an option
 * of another type, is a type error. Unlike {@code MarshalIndent}, the first line carries the prefix too, as OPA
 * documents ("string to prefix lines with").
 */
final class JsonMarshalWithOptions {
    private JsonMarshalWithOptions() {
    }

    static void register(Builtins.Registry r) {
        r.add2("json.marshal_with_options", a -> {
            // null options pretty-print with the defaults, as OPA's conformance cases show
            ObjectValue opts = a.get(1) instanceof NullValue ? null : Args.object(a, 1);
            if (opts == null) {
                var out = new StringBuilder();
                indented(a.get(0), "", "\t", 0, out);
                return new StringValue(out.toString());
            }
            String indent = "\t";
            String prefix = "";
            boolean implied = false;
            Boolean explicit = null;
            for (Map.Entry<Value, Value> e : opts.entries().entrySet()) {
                if (!(e.getKey() instanceof StringValue key)) {
                    throw BuiltinException.type("operand 2 must be object with string keys but got " + e.getKey().typeName() + " key");
                }
                if (e.getValue() instanceof NullValue) {
                    // a null option is the option's default
                    if (!Set.of("pretty", "indent", "prefix").contains(key.value())) {
                        throw BuiltinException.type("operand 2: object contained unknown key " + key);
                    }
                    continue;
                }
                switch (key.value()) {
                    case "pretty" -> explicit = option(e.getValue(), "pretty", BoolValue.class).value();
                    case "indent" -> {
                        indent = option(e.getValue(), "indent", StringValue.class).value();
                        implied = true;
                    }
                    case "prefix" -> {
                        prefix = option(e.getValue(), "prefix", StringValue.class).value();
                        implied = true;
                    }
                    default -> throw BuiltinException.type("operand 2: object contained unknown key " + key);
                }
            }
            boolean pretty = explicit != null ? explicit : implied;
            if (!pretty) {
                return new StringValue(Json.write(a.get(0)));
            }
            var out = new StringBuilder(prefix);
            indented(a.get(0), prefix, indent, 0, out);
            return new StringValue(out.toString());
        });
    }

    private static <T extends Value> T option(Value v, String name, Class<T> type) {
        if (!type.isInstance(v)) {
            throw BuiltinException.type("operand 2: \"" + name + "\" contained invalid type");
        }
        return type.cast(v);
    }

    /** Go's indented layout: one element per line, {@code "key": value}, empty arrays and objects stay {@code []}/{@code {}}. */
    private static void indented(Value v, String prefix, String indent, int depth, StringBuilder out) {
        List<Value> items = switch (v) {
            case ArrayValue arr -> arr.items();
            case SetValue set -> new ArrayList<>(set.items());
            default -> null;
        };
        if (items != null) {
            if (items.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            for (int i = 0; i < items.size(); i++) {
                newline(prefix, indent, depth + 1, out);
                indented(items.get(i), prefix, indent, depth + 1, out);
                if (i < items.size() - 1) {
                    out.append(',');
                }
            }
            newline(prefix, indent, depth, out);
            out.append(']');
            return;
        }
        if (v instanceof ObjectValue o) {
            if (o.entries().isEmpty()) {
                out.append("{}");
                return;
            }
            // keys in the order json.marshal writes them: non-string keys as their JSON text, all sorted as text
            var byText = new TreeMap<String, Value>();
            o.entries().forEach((k, val) -> byText.put(k instanceof StringValue s ? s.value() : Json.write(k), val));
            out.append('{');
            int i = 0;
            for (var e : byText.entrySet()) {
                newline(prefix, indent, depth + 1, out);
                Json.quote(e.getKey(), out);
                out.append(": ");
                indented(e.getValue(), prefix, indent, depth + 1, out);
                if (++i < byText.size()) {
                    out.append(',');
                }
            }
            newline(prefix, indent, depth, out);
            out.append('}');
            return;
        }
        out.append(Json.write(v));
    }

    private static void newline(String prefix, String indent, int depth, StringBuilder out) {
        out.append('\n').append(prefix).append(indent.repeat(depth));
    }
}
