package dev.arca.attestation.policy;

import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.NullValue;
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
 * JSON ↔ CEL runtime values as cel-java 0.14 has them: objects as {@code Map<String, Object>}, arrays as
 * {@code List}, integers as {@code Long}, other numbers as {@code Double}, {@code null} as protobuf's
 * {@code NullValue}.
 */
final class CelValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CelValues() {
    }

    static Object of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NullValue.NULL_VALUE;
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
     * A CEL result back to JSON, for policy extensions. Only JSON-shaped values convert; timestamps, durations,
     * bytes and messages are refused, so a policy cannot put something into a token that has no JSON form.
     *
     * @throws IllegalArgumentException for a value without a JSON form
     */
    static JsonNode toJson(Object value) {
        if (value == null || value instanceof NullValue) {
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

    /** CEL equality for the values {@link #of} produces: numbers compare by value across int and double. */
    static boolean same(Object a, Object b) {
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
        return a != null && a.equals(b);
    }

    /** Numeric order across Long, Double and UnsignedLong. */
    static int compare(Number a, Number b) {
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
        return Double.isFinite(d) ? BigDecimal.valueOf(d) : BigDecimal.valueOf(d > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE);
    }

    static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
