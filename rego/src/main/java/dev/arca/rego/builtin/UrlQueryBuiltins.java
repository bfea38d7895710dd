package dev.arca.rego.builtin;

import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.ObjectValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code urlquery.*}: query-string escaping as Go's {@code url.QueryEscape} and {@code url.Values} do it. */
final class UrlQueryBuiltins {
    private UrlQueryBuiltins() {
    }

    static void register(Builtins.Registry r) {
        r.add1("urlquery.encode", a -> new StringValue(escape(Args.string(a, 0))));
        r.add1("urlquery.decode", a -> new StringValue(unescape(Args.string(a, 0))));
        r.add1("urlquery.encode_object", a -> {
            var parts = new ArrayList<String>();
            // keys sorted, as Go's Values.Encode
            for (Map.Entry<Value, Value> e : Args.object(a, 0).entries().entrySet()) {
                if (!(e.getKey() instanceof StringValue k)) {
                    throw BuiltinException.type("operand 1 must be object[string: any<string, array, set>]");
                }
                List<Value> values = switch (e.getValue()) {
                    case StringValue s -> List.of(s);
                    case ArrayValue arr -> arr.items();
                    case dev.arca.rego.value.SetValue set -> new ArrayList<>(set.items());
                    default -> throw BuiltinException.type("operand 1 values must be strings, arrays or sets");
                };
                for (Value v : values) {
                    if (!(v instanceof StringValue s)) {
                        throw BuiltinException.type("operand 1 values must be strings");
                    }
                    parts.add(escape(k.value()) + "=" + escape(s.value()));
                }
            }
            return new StringValue(String.join("&", parts));
        });
        r.add1("urlquery.decode_object", a -> {
            var out = new LinkedHashMap<String, List<Value>>();
            for (String pair : Args.string(a, 0).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                if (pair.contains(";")) {
                    throw BuiltinException.failed("invalid semicolon separator in query");
                }
                int eq = pair.indexOf('=');
                String k = unescape(eq < 0 ? pair : pair.substring(0, eq));
                String v = eq < 0 ? "" : unescape(pair.substring(eq + 1));
                out.computeIfAbsent(k, x -> new ArrayList<>()).add(new StringValue(v));
            }
            var entries = new TreeMap<Value, Value>();
            out.forEach((k, v) -> entries.put(new StringValue(k), new ArrayValue(v)));
            return new ObjectValue(entries);
        });
    }

    /** Go's QueryEscape: unreserved characters kept, space as '+', the rest percent-encoded in upper case. */
    static String escape(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
    }

    private static String unescape(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw BuiltinException.failed("invalid URL escape");
        }
    }
}
