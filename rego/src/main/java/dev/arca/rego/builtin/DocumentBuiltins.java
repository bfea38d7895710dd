package dev.arca.rego.builtin;

import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.ObjectValue;
import dev.arca.rego.value.SetValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code json.patch} (RFC 6902, applied atomically: one failing operation makes the result undefined),
 * {@code json.filter} and {@code json.remove}: paths are JSON pointers ({@code "a/b"}, {@code ~0} and {@code ~1}
 * escapes, leading slash optional) or arrays of segments; arrays are indexed by number, sets by member.
 */
final class DocumentBuiltins {
    private DocumentBuiltins() {
    }

    static void register(Builtins.Registry r) {
        r.add2("json.patch", a -> {
            Value doc = a.get(0);
            for (Value op : Args.array(a, 1)) {
                if (!(op instanceof ObjectValue o)) {
                    throw BuiltinException.type("operand 2 must be array of objects");
                }
                doc = apply(doc, o);
                if (doc == null) {
                    return null;
                }
            }
            return doc;
        });
        r.add2("json.filter", a -> {
            Args.object(a, 0);
            return filter(a.get(0), trie(paths(a, 1)));
        });
        r.add2("json.remove", a -> {
            Value doc = Args.object(a, 0);
            for (List<Value> path : paths(a, 1)) {
                Value removed = remove(doc, path, 0);
                doc = removed == null ? doc : removed;
            }
            return doc;
        });
    }

    // ---- paths ----

    private static List<List<Value>> paths(List<Value> a, int i) {
        var out = new ArrayList<List<Value>>();
        for (Value p : Args.collection(a, i)) {
            out.add(path(p));
        }
        return out;
    }

    static List<Value> path(Value p) {
        return switch (p) {
            case StringValue s -> pointer(s.value());
            case ArrayValue arr -> arr.items();
            default -> throw BuiltinException.type("paths must be strings or arrays but got " + p.typeName());
        };
    }

    /**
     * The segments of a pointer: {@code ""} is the whole document, while {@code "/"} names the member whose key is
     * the empty string (RFC 6901 §5); leading slashes are optional, as OPA reads them.
     */
    private static List<Value> pointer(String s) {
        var out = new ArrayList<Value>();
        if (s.isEmpty()) {
            return out;
        }
        String t = s.replaceFirst("^/+", "");
        for (String seg : t.split("/", -1)) {
            out.add(new StringValue(seg.replace("~1", "/").replace("~0", "~")));
        }
        return out;
    }

    /** An array index a segment names: a number or the decimal text of one. */
    private static int index(Value seg, int size, boolean allowEnd) {
        String text = switch (seg) {
            case NumberValue n -> n.smallInt().map(String::valueOf).orElse("x");
            case StringValue s -> s.value();
            default -> "x";
        };
        if (allowEnd && text.equals("-")) {
            return size;
        }
        if (!text.matches("0|[1-9][0-9]{0,8}")) {
            return -1;
        }
        int i = Integer.parseInt(text);
        return i <= (allowEnd ? size : size - 1) ? i : -1;
    }

    // ---- json.filter ----

    private static Map<Value, Object> trie(List<List<Value>> paths) {
        var root = new HashMap<Value, Object>();
        for (List<Value> p : paths) {
            if (p.isEmpty()) {
                return null;
            }
            Map<Value, Object> node = root;
            for (int i = 0; i < p.size(); i++) {
                Value seg = p.get(i);
                Object next = node.get(seg);
                if (i == p.size() - 1) {
                    node.put(seg, Boolean.TRUE);
                } else if (next == Boolean.TRUE) {
                    break;
                } else {
                    @SuppressWarnings("unchecked")
                    Map<Value, Object> child = next == null ? new HashMap<>() : (Map<Value, Object>) next;
                    node.put(seg, child);
                    node = child;
                }
            }
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static Value filter(Value doc, Map<Value, Object> trie) {
        if (trie == null) {
            return doc;
        }
        switch (doc) {
            case ObjectValue o -> {
                var out = new TreeMap<Value, Value>();
                o.entries().forEach((k, v) -> {
                    Object sub = trie.get(k);
                    if (sub != null) {
                        out.put(k, sub == Boolean.TRUE ? v : filter(v, (Map<Value, Object>) sub));
                    }
                });
                return new ObjectValue(out);
            }
            case ArrayValue arr -> {
                var out = new ArrayList<Value>();
                for (int i = 0; i < arr.items().size(); i++) {
                    Object sub = trie.get(NumberValue.of(i));
                    if (sub == null) {
                        sub = trie.get(new StringValue(String.valueOf(i)));
                    }
                    if (sub != null) {
                        out.add(sub == Boolean.TRUE ? arr.items().get(i) : filter(arr.items().get(i), (Map<Value, Object>) sub));
                    }
                }
                return new ArrayValue(out);
            }
            case SetValue s -> {
                var out = new TreeSet<Value>();
                for (Value v : s.items()) {
                    Object sub = trie.get(v);
                    if (sub != null) {
                        out.add(sub == Boolean.TRUE ? v : filter(v, (Map<Value, Object>) sub));
                    }
                }
                return new SetValue(out);
            }
            default -> {
                return doc;
            }
        }
    }

    // ---- json.remove ----

    /** The document without the value at the path, or null when the path does not exist. */
    private static Value remove(Value doc, List<Value> path, int i) {
        if (i == path.size()) {
            return null;
        }
        Value seg = path.get(i);
        boolean last = i == path.size() - 1;
        switch (doc) {
            case ObjectValue o -> {
                Value child = o.entries().get(seg);
                if (child == null) {
                    return null;
                }
                var out = new TreeMap<>(o.entries());
                if (last) {
                    out.remove(seg);
                } else {
                    Value sub = remove(child, path, i + 1);
                    if (sub == null) {
                        return null;
                    }
                    out.put(seg, sub);
                }
                return new ObjectValue(out);
            }
            case ArrayValue arr -> {
                int idx = index(seg, arr.items().size(), false);
                if (idx < 0) {
                    return null;
                }
                var out = new ArrayList<>(arr.items());
                if (last) {
                    out.remove(idx);
                } else {
                    Value sub = remove(out.get(idx), path, i + 1);
                    if (sub == null) {
                        return null;
                    }
                    out.set(idx, sub);
                }
                return new ArrayValue(out);
            }
            case SetValue s -> {
                if (!s.items().contains(seg) || !last) {
                    return null;
                }
                var out = new TreeSet<>(s.items());
                out.remove(seg);
                return new SetValue(out);
            }
            default -> {
                return null;
            }
        }
    }

    // ---- json.patch ----

    private static Value apply(Value doc, ObjectValue op) {
        if (!(op.get("op") instanceof StringValue name) || op.get("path") == null) {
            throw BuiltinException.failed("a patch operation needs op and path");
        }
        List<Value> path = path(op.get("path"));
        Value value = op.get("value");
        return switch (name.value()) {
            case "add" -> value == null ? null : add(doc, path, 0, value);
            case "remove" -> path.isEmpty() ? null : remove(doc, path, 0);
            case "replace" -> {
                if (value == null || get(doc, path) == null) {
                    yield null;
                }
                Value removed = path.isEmpty() ? null : remove(doc, path, 0);
                yield path.isEmpty() ? value : removed == null ? null : add(removed, path, 0, value);
            }
            case "move", "copy" -> {
                if (op.get("from") == null) {
                    yield null;
                }
                List<Value> from = path(op.get("from"));
                Value moved = get(doc, from);
                if (moved == null) {
                    yield null;
                }
                Value base = doc;
                if (name.value().equals("move")) {
                    if (from.size() < path.size() && path.subList(0, from.size()).equals(from)) {
                        yield null;
                    }
                    base = from.isEmpty() ? null : remove(doc, from, 0);
                }
                yield base == null ? null : add(base, path, 0, moved);
            }
            case "test" -> value != null && value.equals(get(doc, path)) ? doc : null;
            default -> throw BuiltinException.failed("unknown patch operation " + name.value());
        };
    }

    private static Value get(Value doc, List<Value> path) {
        Value v = doc;
        for (Value seg : path) {
            v = switch (v) {
                case ObjectValue o -> o.entries().get(seg);
                case ArrayValue arr -> {
                    int i = index(seg, arr.items().size(), false);
                    yield i < 0 ? null : arr.items().get(i);
                }
                case SetValue s -> s.items().contains(seg) ? seg : null;
                case null -> null;
                default -> null;
            };
            if (v == null) {
                return null;
            }
        }
        return v;
    }

    private static Value add(Value doc, List<Value> path, int i, Value value) {
        if (i == path.size()) {
            return value;
        }
        Value seg = path.get(i);
        boolean last = i == path.size() - 1;
        switch (doc) {
            case ObjectValue o -> {
                var out = new TreeMap<>(o.entries());
                if (last) {
                    out.put(seg, value);
                } else {
                    Value child = o.entries().get(seg);
                    Value sub = child == null ? null : add(child, path, i + 1, value);
                    if (sub == null) {
                        return null;
                    }
                    out.put(seg, sub);
                }
                return new ObjectValue(out);
            }
            case ArrayValue arr -> {
                int idx = index(seg, arr.items().size(), last);
                if (idx < 0) {
                    return null;
                }
                var out = new ArrayList<>(arr.items());
                if (last) {
                    out.add(idx, value);
                } else {
                    Value sub = add(out.get(idx), path, i + 1, value);
                    if (sub == null) {
                        return null;
                    }
                    out.set(idx, sub);
                }
                return new ArrayValue(out);
            }
            case SetValue s -> {
                if (!last) {
                    return null;
                }
                var out = new TreeSet<>(s.items());
                out.add(value);
                return new SetValue(out);
            }
            default -> {
                return null;
            }
        }
    }
}
