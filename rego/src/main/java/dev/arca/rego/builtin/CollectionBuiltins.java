package dev.arca.rego.builtin;

import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.ObjectValue;
import dev.arca.rego.value.SetValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/** Aggregates, arrays, sets and objects. */
final class CollectionBuiltins {
    private CollectionBuiltins() {
    }

    static void register(Builtins.Registry r) {
        r.add1("count", a -> switch (a.get(0)) {
            case ArrayValue v -> NumberValue.of(v.items().size());
            case SetValue v -> NumberValue.of(v.items().size());
            case ObjectValue v -> NumberValue.of(v.entries().size());
            case StringValue v -> NumberValue.of(v.value().codePointCount(0, v.value().length()));
            default -> throw Args.wrongType(0, a.get(0), "one of {array, object, set, string}");
        });
        r.add1("sum", a -> {
            BigDecimal total = BigDecimal.ZERO;
            for (Value v : numbersOf(a)) {
                total = NumberBuiltins.sane(total.add(NumberBuiltins.sane(((NumberValue) v).value())));
            }
            return new NumberValue(total);
        });
        r.add1("product", a -> {
            BigDecimal total = BigDecimal.ONE;
            for (Value v : numbersOf(a)) {
                total = NumberBuiltins.sane(total.multiply(NumberBuiltins.sane(((NumberValue) v).value())));
            }
            return new NumberValue(total);
        });
        r.add1("max", a -> {
            List<Value> items = Args.collection(a, 0);
            return items.isEmpty() ? null : items.stream().max(Value::compareTo).orElseThrow();
        });
        r.add1("min", a -> {
            List<Value> items = Args.collection(a, 0);
            return items.isEmpty() ? null : items.stream().min(Value::compareTo).orElseThrow();
        });
        r.add1("sort", a -> new ArrayValue(Args.collection(a, 0).stream().sorted().toList()));

        r.add2("array.concat", a -> {
            var out = new ArrayList<>(Args.array(a, 0));
            out.addAll(Args.array(a, 1));
            return new ArrayValue(out);
        });
        r.add3("array.slice", a -> {
            List<Value> items = Args.array(a, 0);
            int from = Math.max(0, Args.integer(a, 1));
            int to = Math.min(items.size(), Args.integer(a, 2));
            return from >= to ? ArrayValue.EMPTY : new ArrayValue(items.subList(from, to));
        });
        r.add1("array.reverse", a -> {
            var out = new ArrayList<>(Args.array(a, 0));
            java.util.Collections.reverse(out);
            return new ArrayValue(out);
        });
        r.add1("array.flatten", a -> {
            var out = new ArrayList<Value>();
            flatten(Args.array(a, 0), out);
            return new ArrayValue(out);
        });

        r.add2("and", a -> {
            var out = new TreeSet<>(Args.set(a, 0).items());
            out.retainAll(Args.set(a, 1).items());
            return new SetValue(out);
        });
        r.add2("or", a -> {
            var out = new TreeSet<>(Args.set(a, 0).items());
            out.addAll(Args.set(a, 1).items());
            return new SetValue(out);
        });
        r.add1("intersection", a -> {
            TreeSet<Value> out = null;
            for (Value s : Args.set(a, 0).items()) {
                if (!(s instanceof SetValue sv)) {
                    throw BuiltinException.type("operand 1 must be set of sets but got set containing " + s.typeName());
                }
                if (out == null) {
                    out = new TreeSet<>(sv.items());
                } else {
                    out.retainAll(sv.items());
                }
            }
            return out == null ? SetValue.EMPTY : new SetValue(out);
        });
        r.add1("union", a -> {
            var out = new TreeSet<Value>();
            for (Value s : Args.set(a, 0).items()) {
                if (!(s instanceof SetValue sv)) {
                    throw BuiltinException.type("operand 1 must be set of sets but got set containing " + s.typeName());
                }
                out.addAll(sv.items());
            }
            return new SetValue(out);
        });

        r.add3("object.get", CollectionBuiltins::objectGet);
        r.add1("object.keys", a -> new SetValue(new TreeSet<>(Args.object(a, 0).entries().keySet())));
        r.add2("object.union", a -> merge(Args.object(a, 0), Args.object(a, 1)));
        r.add1("object.union_n", a -> {
            Value out = ObjectValue.EMPTY;
            for (Value o : Args.array(a, 0)) {
                if (!(o instanceof ObjectValue ov)) {
                    throw BuiltinException.type("operand 1 must be array of objects but got " + o.typeName() + " element");
                }
                out = merge((ObjectValue) out, ov);
            }
            return out;
        });
        r.add2("object.remove", a -> {
            var entries = new TreeMap<>(Args.object(a, 0).entries());
            keysOf(a, 1).forEach(entries::remove);
            return new ObjectValue(entries);
        });
        r.add2("object.filter", a -> {
            var keep = new TreeSet<>(keysOf(a, 1));
            var entries = new TreeMap<Value, Value>();
            Args.object(a, 0).entries().forEach((k, v) -> {
                if (keep.contains(k)) {
                    entries.put(k, v);
                }
            });
            return new ObjectValue(entries);
        });
        r.add2("object.subset", a -> BoolValue.of(subset(a.get(0), a.get(1))));
    }

    private static List<Value> numbersOf(List<Value> a) {
        List<Value> items = Args.collection(a, 0);
        for (Value v : items) {
            if (!(v instanceof NumberValue)) {
                throw BuiltinException.type("operand 1 must be one of {array, set} of numbers but got " + v.typeName() + " element");
            }
        }
        return items;
    }

    /** One level: the elements of nested arrays are spliced in, arrays inside those stay arrays. */
    private static void flatten(List<Value> items, List<Value> out) {
        for (Value v : items) {
            if (v instanceof ArrayValue inner) {
                out.addAll(inner.items());
            } else {
                out.add(v);
            }
        }
    }

    private static List<Value> keysOf(List<Value> a, int i) {
        return switch (a.get(i)) {
            case ArrayValue v -> v.items();
            case SetValue v -> new ArrayList<>(v.items());
            case ObjectValue v -> new ArrayList<>(v.entries().keySet());
            default -> throw Args.wrongType(i, a.get(i), "one of {array, object, set}");
        };
    }

    private static Value objectGet(List<Value> a) {
        ObjectValue o = Args.object(a, 0);
        Value key = a.get(1);
        Value fallback = a.get(2);
        if (key instanceof ArrayValue path) {
            Value cur = o;
            for (Value step : path.items()) {
                cur = switch (cur) {
                    case ObjectValue ov -> ov.entries().get(step);
                    case ArrayValue av -> step instanceof NumberValue n
                            ? n.smallInt().filter(i -> i >= 0 && i < av.items().size()).map(av.items()::get).orElse(null)
                            : null;
                    case SetValue sv -> sv.items().contains(step) ? step : null;
                    default -> null;
                };
                if (cur == null) {
                    return fallback;
                }
            }
            return cur;
        }
        Value v = o.entries().get(key);
        return v == null ? fallback : v;
    }

    /** Right-hand values win; nested objects merge recursively. */
    static ObjectValue merge(ObjectValue left, ObjectValue right) {
        var entries = new TreeMap<>(left.entries());
        right.entries().forEach((k, v) -> {
            Value old = entries.get(k);
            entries.put(k, old instanceof ObjectValue lo && v instanceof ObjectValue ro ? merge(lo, ro) : v);
        });
        return new ObjectValue(entries);
    }

    private static boolean subset(Value sup, Value sub) {
        if (sup instanceof ObjectValue so && sub instanceof ObjectValue bo) {
            for (var e : bo.entries().entrySet()) {
                Value v = so.entries().get(e.getKey());
                if (v == null || !subset(v, e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (sup instanceof SetValue ss && sub instanceof SetValue bs) {
            return ss.items().containsAll(bs.items());
        }
        if (sup instanceof ArrayValue sa && sub instanceof ArrayValue ba) {
            List<Value> xs = sa.items();
            List<Value> ys = ba.items();
            if (ys.isEmpty()) {
                return true;
            }
            for (int i = 0; i + ys.size() <= xs.size(); i++) {
                if (xs.subList(i, i + ys.size()).equals(ys)) {
                    return true;
                }
            }
            return false;
        }
        // an array may contain a set's elements in any order; the reverse (a set above an array) is refused below
        if (sup instanceof ArrayValue sa && sub instanceof SetValue bs) {
            return sa.items().containsAll(bs.items());
        }
        if ((sup instanceof ObjectValue || sup instanceof SetValue || sup instanceof ArrayValue)
                && (sub instanceof ObjectValue || sub instanceof SetValue || sub instanceof ArrayValue)) {
            throw BuiltinException.type("both arguments object.subset must be of the same type or array and set");
        }
        return sup.equals(sub);
    }
}
