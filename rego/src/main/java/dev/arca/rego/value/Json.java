package dev.arca.rego.value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON text to and from Rego values: numbers stay exact, objects are written with sorted keys, sets as arrays. */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private Json() {
    }

    /** Parses JSON text; throws {@link IllegalArgumentException} (message without the text) when it is not JSON. */
    public static Value parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("empty JSON document");
            }
            return fromNode(node);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid JSON: number out of range");
        }
    }

    public static Value fromNode(JsonNode node) {
        if (node.isNull() || node.isMissingNode()) {
            return NullValue.NULL;
        }
        if (node.isBoolean()) {
            return BoolValue.of(node.booleanValue());
        }
        if (node.isNumber()) {
            return new NumberValue(node.isIntegralNumber() ? new BigDecimal(node.bigIntegerValue()) : node.decimalValue());
        }
        if (node.isString()) {
            return new StringValue(node.stringValue());
        }
        if (node.isArray()) {
            var items = new ArrayList<Value>(node.size());
            node.forEach(n -> items.add(fromNode(n)));
            return new ArrayValue(items);
        }
        var entries = new TreeMap<Value, Value>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            entries.put(new StringValue(e.getKey()), fromNode(e.getValue()));
        }
        return new ObjectValue(entries);
    }

    /** Compact JSON, as OPA's {@code json.marshal} writes it. */
    public static String write(Value v) {
        var out = new StringBuilder();
        write(v, out);
        return out.toString();
    }

    private static void write(Value v, StringBuilder out) {
        switch (v) {
            case NullValue n -> out.append("null");
            case BoolValue b -> out.append(b.value());
            case NumberValue n -> out.append(number(n.value()));
            case StringValue s -> quote(s.value(), out);
            case ArrayValue a -> list(a.items(), out);
            case SetValue s -> list(new ArrayList<>(s.items()), out);
            case ObjectValue o -> {
                out.append('{');
                // non-string keys are written as their JSON text, then sorted like any other key
                var byText = new TreeMap<String, Value>();
                o.entries().forEach((k, val) -> byText.put(k instanceof StringValue s ? s.value() : write(k), val));
                boolean first = true;
                for (var e : byText.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    quote(e.getKey(), out);
                    out.append(':');
                    write(e.getValue(), out);
                }
                out.append('}');
            }
        }
    }

    private static void list(java.util.List<Value> items, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            write(items.get(i), out);
        }
        out.append(']');
    }

    static String number(BigDecimal d) {
        if (d.scale() <= 0 && d.precision() - d.scale() <= 30) {
            return d.toBigIntegerExact().toString();
        }
        if (Math.abs(d.scale()) <= 30) {
            return d.toPlainString();
        }
        return d.toString().replace("E+", "e+").replace("E-", "e-");
    }

    /** Quotes a string the way Go's encoding/json does (HTML-sensitive characters escaped). */
    public static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
