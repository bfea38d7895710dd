package dev.arca.rego.value;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/** A set, iterated in value order. */
public record SetValue(SortedSet<Value> items) implements Value {
    public static final SetValue EMPTY = new SetValue(new TreeSet<>());

    public SetValue {
        items = Collections.unmodifiableSortedSet(new TreeSet<>(items));
    }

    @Override
    public String typeName() {
        return "set";
    }

    @Override
    public String toString() {
        return Json.write(this);
    }
}
