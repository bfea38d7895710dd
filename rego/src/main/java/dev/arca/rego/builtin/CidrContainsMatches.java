package dev.arca.rego.builtin;

import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.ObjectValue;
import dev.arca.rego.value.SetValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code net.cidr_contains_matches(cidrs, cidrs_or_ips)}: the set of {@code [key1, key2]} pairs where the CIDR of the
 * first operand's element {@code key1} contains the CIDR or address of the second's element {@code key2}. Either
 * operand is a string (its key is the string itself), an array (keys are indices), a set (keys are the elements) or an
 * object (keys are the object's keys); an element is a string or a non-empty array whose first item is the string
 * (the rest is the caller's annotation, carried along in the key of a set element).
 */
final class CidrContainsMatches {
    private CidrContainsMatches() {
    }

    static void register(Builtins.Registry r) {
        r.add2("net.cidr_contains_matches", a -> {
            Map<Value, String> outer = elements(a.get(0), 1);
            Map<Value, String> inner = elements(a.get(1), 2);
            var out = new TreeSet<Value>();
            for (var o : outer.entrySet()) {
                NetBuiltins.Cidr cidr = NetBuiltins.cidr(o.getValue())
                        .orElseThrow(() -> BuiltinException.failed("invalid CIDR " + o.getValue()));
                for (var i : inner.entrySet()) {
                    NetBuiltins.Cidr in = NetBuiltins.cidr(i.getValue())
                            .or(() -> NetBuiltins.address(i.getValue()).map(ip -> new NetBuiltins.Cidr(ip.base(), ip.bits(), ip.bits())))
                            .orElseThrow(() -> BuiltinException.failed("invalid CIDR or IP " + i.getValue()));
                    if (in.bits() == cidr.bits() && in.first().compareTo(cidr.first()) >= 0
                            && in.last().compareTo(cidr.last()) <= 0) {
                        out.add(new ArrayValue(List.of(o.getKey(), i.getKey())));
                    }
                }
            }
            return new SetValue(out);
        });
    }

    private static Map<Value, String> elements(Value operand, int position) {
        var out = new LinkedHashMap<Value, String>();
        switch (operand) {
            case StringValue s -> out.put(s, s.value());
            case ArrayValue arr -> {
                for (int i = 0; i < arr.items().size(); i++) {
                    out.put(NumberValue.of(i), address(arr.items().get(i), position));
                }
            }
            case SetValue set -> set.items().forEach(e -> out.put(e, address(e, position)));
            case ObjectValue obj -> obj.entries().forEach((k, e) -> out.put(k, address(e, position)));
            default -> throw BuiltinException.type("operand " + position
                    + " must be one of {string, array, set, object} but got " + operand.typeName());
        }
        return out;
    }

    private static String address(Value element, int position) {
        if (element instanceof StringValue s) {
            return s.value();
        }
        if (element instanceof ArrayValue arr && !arr.items().isEmpty() && arr.items().get(0) instanceof StringValue s) {
            return s.value();
        }
        throw BuiltinException.failed("operand " + position + ": element must be string or non-empty array");
    }
}
