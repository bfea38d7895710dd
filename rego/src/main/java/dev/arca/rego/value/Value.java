package dev.arca.rego.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A Rego value: the JSON types plus sets. Values are immutable and totally ordered the way OPA orders them (null &lt;
 * booleans &lt; numbers &lt; strings &lt; arrays &lt; objects &lt; sets), which also gives objects and sets a stable
 * iteration order.
 */
public sealed interface Value extends Comparable<Value>
        permits NullValue, BoolValue, NumberValue, StringValue, ArrayValue, ObjectValue, SetValue {

    /** OPA's {@code type_name}. */
    String typeName();

    default int rank() {
        return switch (this) {
            case NullValue n -> 0;
            case BoolValue b -> 1;
            case NumberValue n -> 2;
            case StringValue s -> 3;
            case ArrayValue a -> 4;
            case ObjectValue o -> 5;
            case SetValue s -> 6;
        };
    }

    @Override
    default int compareTo(Value other) {
        int byRank = Integer.compare(rank(), other.rank());
        if (byRank != 0) {
            return byRank;
        }
        return switch (this) {
            case NullValue n -> 0;
            case BoolValue b -> Boolean.compare(b.value(), ((BoolValue) other).value());
            case NumberValue n -> n.value().compareTo(((NumberValue) other).value());
            case StringValue s -> s.value().compareTo(((StringValue) other).value());
            case ArrayValue a -> compareLists(a.items(), ((ArrayValue) other).items());
            case ObjectValue o -> compareObjects(o, (ObjectValue) other);
            case SetValue s -> compareLists(new ArrayList<>(s.items()), new ArrayList<>(((SetValue) other).items()));
        };
    }

    private static int compareLists(List<Value> a, List<Value> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareObjects(ObjectValue a, ObjectValue b) {
        var ia = a.entries().entrySet().iterator();
        var ib = b.entries().entrySet().iterator();
        while (ia.hasNext() && ib.hasNext()) {
            var ea = ia.next();
            var eb = ib.next();
            int c = ea.getKey().compareTo(eb.getKey());
            if (c != 0) {
                return c;
            }
            c = ea.getValue().compareTo(eb.getValue());
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(ia.hasNext(), ib.hasNext());
    }

    static Value of(String s) {
        return new StringValue(s);
    }

    static Value of(long n) {
        return new NumberValue(BigDecimal.valueOf(n));
    }

    static Value of(boolean b) {
        return BoolValue.of(b);
    }

    /** Converts plain Java data (maps, lists, sets, strings, numbers, booleans, null) into a value. */
    static Value fromJava(Object o) {
        return switch (o) {
            case null -> NullValue.NULL;
            case Value v -> v;
            case String s -> new StringValue(s);
            case Boolean b -> BoolValue.of(b);
            case BigDecimal d -> new NumberValue(d);
            case BigInteger i -> new NumberValue(new BigDecimal(i));
            case Double d -> new NumberValue(new BigDecimal(Double.toString(d)));
            case Float f -> new NumberValue(new BigDecimal(Float.toString(f)));
            case Number n -> new NumberValue(BigDecimal.valueOf(n.longValue()));
            case Map<?, ?> m -> {
                var entries = new TreeMap<Value, Value>();
                m.forEach((k, v) -> entries.put(fromJava(k), fromJava(v)));
                yield new ObjectValue(entries);
            }
            case java.util.Set<?> s -> {
                var items = new TreeSet<Value>();
                s.forEach(e -> items.add(fromJava(e)));
                yield new SetValue(items);
            }
            case Collection<?> c -> new ArrayValue(c.stream().map(Value::fromJava).toList());
            case Object[] a -> new ArrayValue(java.util.Arrays.stream(a).map(Value::fromJava).toList());
            default -> throw new IllegalArgumentException("not a Rego value: " + o.getClass().getSimpleName());
        };
    }

    /** Plain Java data: maps (string keys where the key is a string), lists (also for sets), BigDecimal, String... */
    default Object toJava() {
        return switch (this) {
            case NullValue n -> null;
            case BoolValue b -> b.value();
            case NumberValue n -> n.value();
            case StringValue s -> s.value();
            case ArrayValue a -> a.items().stream().map(Value::toJava).toList();
            case SetValue s -> s.items().stream().map(Value::toJava).toList();
            case ObjectValue o -> {
                var m = new LinkedHashMap<String, Object>();
                o.entries().forEach((k, v) -> m.put(k instanceof StringValue s ? s.value() : Json.write(k), v.toJava()));
                yield m;
            }
        };
    }

    /** Rego truthiness of an expression's result: anything but {@code false}. */
    default boolean isTruthy() {
        return !(this instanceof BoolValue b) || b.value();
    }
}
