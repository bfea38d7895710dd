package dev.arca.rego.builtin;

import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.ObjectValue;
import dev.arca.rego.value.SetValue;
import dev.arca.rego.value.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code graph.reachable} and {@code graph.reachable_paths} over an adjacency object (node to array or set of
 * neighbours). A node that is not a key of the graph is not reached, as in OPA: a path that would step onto one
 * ends before it, as a path that would close a cycle does.
 */
final class GraphBuiltins {
    private GraphBuiltins() {
    }

    static void register(Builtins.Registry r) {
        r.add2("graph.reachable", a -> {
            ObjectValue graph = Args.object(a, 0);
            var reached = new TreeSet<Value>();
            var queue = new ArrayDeque<Value>(Args.collection(a, 1));
            while (!queue.isEmpty()) {
                Value node = queue.poll();
                Value edges = graph.entries().get(node);
                if (edges == null || reached.contains(node)) {
                    continue;
                }
                reached.add(node);
                for (Value n : neighbours(edges)) {
                    if (!reached.contains(n)) {
                        queue.add(n);
                    }
                }
            }
            return new SetValue(reached);
        });
        r.add2("graph.reachable_paths", a -> {
            ObjectValue graph = Args.object(a, 0);
            var out = new TreeSet<Value>();
            for (Value start : Args.collection(a, 1)) {
                if (graph.entries().containsKey(start)) {
                    paths(graph, start, new ArrayList<>(), out);
                }
            }
            return new SetValue(out);
        });
    }

    /** Every path from the node until a node without neighbours, a step off the graph, or a cycle. */
    private static void paths(ObjectValue graph, Value node, List<Value> path, TreeSet<Value> out) {
        if (path.contains(node) || !graph.entries().containsKey(node)) {
            out.add(new ArrayValue(List.copyOf(path)));
            return;
        }
        path.add(node);
        Value edges = graph.entries().get(node);
        List<Value> next = edges == null ? List.of() : neighbours(edges);
        if (next.isEmpty()) {
            out.add(new ArrayValue(List.copyOf(path)));
        }
        for (Value n : next) {
            paths(graph, n, path, out);
        }
        path.remove(path.size() - 1);
    }

    private static List<Value> neighbours(Value edges) {
        return switch (edges) {
            case ArrayValue arr -> arr.items();
            case SetValue s -> new ArrayList<>(s.items());
            case dev.arca.rego.value.NullValue n -> List.of();
            default -> throw BuiltinException.type("graph values must be arrays or sets but got " + edges.typeName());
        };
    }
}
