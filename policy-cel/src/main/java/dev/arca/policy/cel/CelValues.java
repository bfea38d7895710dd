package dev.arca.policy.cel;

import com.google.common.primitives.UnsignedLong;
import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON ↔ the values CEL evaluates over, one conversion for every policy (docs/policies.md "Values"): objects are
 * maps of String to value, arrays {@code List}, integers that fit {@code Long} (CEL int), other numbers
 * {@code Double}, strings, booleans, and JSON {@code null} is {@link #NULL}.
 *
 * <p>cel-java 0.14 re-adapts a plain Java map or list, walking all of it, each time an expression reads a variable,
 * so {@code input.x} inside a loop costs the size of the input per iteration. Its own map value
 * ({@code MutableMapValue}) would be taken as it is, but compares by identity when nested ({@code input.o in [{…}]}
 * would be false), so plain maps stay; the deadline bounds that cost (docs/policies.md "Budget and deadline").
 *
 * <p>{@link #NULL} is cel-java's own {@code dev.cel.common.values.NullValue}, the value the planner gives the literal
 * {@code null}, so {@code input.x == null} holds for a JSON null. The planner treats protobuf's {@code NullValue} as
 * null too (equality and {@code null_type}), so values that arrive as either compare alike; {@link #toJson} accepts
 * both.
 */
public final class CelValues {

    /** CEL {@code null}, for JSON {@code null} and for absent optional look-ups a function answers. */
    public static final Object NULL = NullValue.NULL_VALUE;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CelValues() {
    }

    /** JSON to a CEL value; a missing node is {@link #NULL} too. */
    public static Object of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NULL;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                map.put(member.getKey(), of(member.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                list.add(of(element));
            }
            return list;
        }
        if (node.isIntegralNumber()) {
            // an integer beyond int64 keeps its magnitude as a double rather than wrapping
            return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asString();
    }

    /**
     * A CEL result back to JSON (policy extensions in tokens). Only JSON-shaped values convert; timestamps, durations,
     * bytes and messages are refused, so a policy cannot put something into a token that has no JSON form.
     *
     * @throws IllegalArgumentException for a value without a JSON form
     */
    public static JsonNode toJson(Object value) {
        if (isNull(value)) {
            return NODES.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("a JSON object needs string keys, got "
                            + describe(entry.getKey()));
                }
                object.set(key, toJson(entry.getValue()));
            }
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(element -> array.add(toJson(element)));
            return array;
        }
        return switch (value) {
            case String s -> NODES.stringNode(s);
            case Boolean b -> NODES.booleanNode(b);
            // the smallest node type, as a JSON parser would produce it
            case Long l when l == l.intValue() -> NODES.numberNode(l.intValue());
            case Long l -> NODES.numberNode(l);
            case Integer i -> NODES.numberNode(i);
            case Double d when d.isNaN() || d.isInfinite() ->
                    throw new IllegalArgumentException("JSON has no number " + d);
            case Double d -> NODES.numberNode(d);
            case UnsignedLong u -> NODES.numberNode(u.bigIntegerValue());
            default -> throw new IllegalArgumentException(describe(value) + " has no JSON form");
        };
    }

    /** Whether a value is CEL null in either of the forms cel-java uses (its own, or protobuf's). */
    public static boolean isNull(Object value) {
        return value == null || value instanceof NullValue || value instanceof com.google.protobuf.NullValue;
    }

    /**
     * CEL equality for the values {@link #of} produces, with the numeric semantics of the environment: numbers compare
     * by value across int, uint and double ({@code 1 == 1.0}), lists element-wise, maps entry-wise.
     */
    public static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return compare(x, y) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return x.size() == y.size() && x.entrySet().stream()
                    .allMatch(e -> y.containsKey(e.getKey()) && same(e.getValue(), y.get(e.getKey())));
        }
        if (isNull(a) || isNull(b)) {
            return isNull(a) && isNull(b);
        }
        return a.equals(b);
    }

    /** Numeric order across Long, Integer, Double and UnsignedLong. */
    public static int compare(Number a, Number b) {
        if (isIntegral(a) && isIntegral(b) && !(a instanceof UnsignedLong) && !(b instanceof UnsignedLong)) {
            return Long.compare(a.longValue(), b.longValue());
        }
        return decimal(a).compareTo(decimal(b));
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof UnsignedLong;
    }

    private static BigDecimal decimal(Number n) {
        if (n instanceof UnsignedLong u) {
            return new BigDecimal(u.bigIntegerValue());
        }
        if (isIntegral(n)) {
            return BigDecimal.valueOf(n.longValue());
        }
        double d = n.doubleValue();
        return Double.isFinite(d) ? BigDecimal.valueOf(d)
                : BigDecimal.valueOf(d > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE);
    }

    /** A value's kind for messages: the class name of a CEL value, never its content. */
    public static String describe(Object value) {
        return isNull(value) ? "null" : value.getClass().getSimpleName();
    }
}
