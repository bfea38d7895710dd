package dev.arca.rego.value;

import java.util.List;

/** An array. */
public record ArrayValue(List<Value> items) implements Value {
    public static final ArrayValue EMPTY = new ArrayValue(List.of());

    public ArrayValue {
        items = List.copyOf(items);
    }

    @Override
    public String typeName() {
        return "array";
    }

    @Override
    public String toString() {
        return Json.write(this);
    }
}
