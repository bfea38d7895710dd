package dev.arca.rego.value;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** An object; keys may be any value (Rego allows non-string keys), iterated in value order. */
public record ObjectValue(SortedMap<Value, Value> entries) implements Value {
    public static final ObjectValue EMPTY = new ObjectValue(new TreeMap<>());

    public ObjectValue {
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    public Value get(String key) {
        return entries.get(new StringValue(key));
    }

    @Override
    public String typeName() {
        return "object";
    }

    @Override
    public String toString() {
        return Json.write(this);
    }
}
