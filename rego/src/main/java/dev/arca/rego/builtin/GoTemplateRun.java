package dev.arca.rego.builtin;

import dev.arca.rego.builtin.GoTemplate.Arg;
import dev.arca.rego.builtin.GoTemplate.Node;
import dev.arca.rego.builtin.GoTemplate.Pipeline;
import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.Json;
import dev.arca.rego.value.NullValue;
import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.ObjectValue;
import dev.arca.rego.value.SetValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Runs a {@link GoTemplate} over the variables of {@code strings.render_template} as Go's text/template runs it over
 * the JSON of the variables, as OPA documents it: a missing key prints {@code <undefined>} (and is empty, and so is
 * anything below it); values print as Go's {@code fmt} prints decoded JSON ({@code [a b]}, {@code map[k:v]}, numbers
 * as their JSON text, null as {@code <no value>}); {@code if}/{@code with}/{@code range} treat {@code false}, {@code
 * 0}, {@code null}, {@code ""} and empty arrays and objects as empty. Functions: {@code and},
 * {@code or}, {@code not}, {@code len}, {@code index}, {@code eq}, {@code ne}, {@code lt}, {@code le}, {@code gt},
 * {@code ge}, {@code print}, {@code println}, {@code printf} (Rego's {@code sprintf} verbs). Output is bounded (1 MiB)
 * and so is the time (the query's deadline).
 */
final class GoTemplateRun {
    static final Set<String> FUNCTIONS = Set.of("and", "or", "not", "len", "index", "eq", "ne", "lt", "le", "gt", "ge",
            "print", "println", "printf");
    private static final int MAX_OUTPUT = 1024 * 1024;
    private static final String NO_VALUE = "<no value>";
    /** What OPA writes for a key the variables do not have (a Java null here: undefined, not JSON null). */
    private static final String UNDEFINED = "<undefined>";

    private final StringBuilder out = new StringBuilder();
    private final Deque<Map<String, Value>> scopes = new ArrayDeque<>();
    private final LongSupplier remainingNanos;
    private long steps;

    private static final class LoopControl extends RuntimeException {
        final boolean breaks;

        LoopControl(boolean breaks) {
            super(null, null, false, false);
            this.breaks = breaks;
        }
    }

    private GoTemplateRun(LongSupplier remainingNanos) {
        this.remainingNanos = remainingNanos;
    }

    static void register(Builtins.Registry r) {
        r.add("strings.render_template", 2, (a, cx) -> {
            String template = Args.string(a, 0);
            ObjectValue vars = Args.object(a, 1);
            for (Value k : vars.entries().keySet()) {
                if (!(k instanceof StringValue)) {
                    throw BuiltinException.failed("template variables must have string keys");
                }
            }
            var run = new GoTemplateRun(cx.remainingNanos());
            run.scopes.push(new HashMap<>(Map.of("$", vars)));
            try {
                run.nodes(GoTemplate.parse(template), vars);
            } catch (LoopControl e) {
                throw GoTemplate.error("{{break}} or {{continue}} outside {{range}}");
            }
            return new StringValue(run.out.toString());
        });
    }

    private void nodes(List<Node> nodes, Value dot) {
        for (Node n : nodes) {
            if ((++steps & 255) == 0 && remainingNanos.getAsLong() <= 0) {
                throw BuiltinException.failed("template: deadline exceeded");
            }
            switch (n) {
                case GoTemplate.Text t -> write(t.text());
                case GoTemplate.Action action -> {
                    Value v = pipeline(action.pipeline(), dot);
                    if (action.pipeline().variables().isEmpty()) {
                        write(v == null ? UNDEFINED : v instanceof NullValue ? NO_VALUE : print(v));
                    }
                }
                case GoTemplate.If i -> scoped(truth(pipeline(i.condition(), dot)) ? i.then() : i.otherwise(), dot);
                case GoTemplate.With w -> {
                    Value v = pipeline(w.value(), dot);
                    if (truth(v)) {
                        scoped(w.body(), v);
                    } else {
                        scoped(w.otherwise(), dot);
                    }
                }
                case GoTemplate.Range range -> range(range, dot);
                case GoTemplate.Break b -> throw new LoopControl(true);
                case GoTemplate.Continue c -> throw new LoopControl(false);
            }
        }
    }

    private void scoped(List<Node> body, Value dot) {
        scopes.push(new HashMap<>());
        try {
            nodes(body, dot);
        } finally {
            scopes.pop();
        }
    }

    private void range(GoTemplate.Range range, Value dot) {
        Value over = pipeline(range.over(), dot);
        List<Value[]> items = new ArrayList<>();
        switch (over) {
            case null -> { }
            case NullValue n -> { }
            case ArrayValue a -> {
                for (int i = 0; i < a.items().size(); i++) {
                    items.add(new Value[] {NumberValue.of(i), a.items().get(i)});
                }
            }
            case SetValue s -> {
                int i = 0;
                for (Value e : s.items()) {
                    items.add(new Value[] {NumberValue.of(i++), e});
                }
            }
            case ObjectValue o -> o.entries().forEach((k, v) -> items.add(new Value[] {k, v}));
            default -> throw GoTemplate.error("range can't iterate over " + print(over));
        }
        if (items.isEmpty()) {
            scoped(range.otherwise(), dot);
            return;
        }
        for (Value[] item : items) {
            scopes.push(new HashMap<>());
            try {
                if (range.keyVariable() != null) {
                    scopes.peek().put(range.keyVariable(), item[0]);
                }
                if (range.valueVariable() != null) {
                    scopes.peek().put(range.valueVariable(), item[1]);
                }
                nodes(range.body(), item[1]);
            } catch (LoopControl c) {
                if (c.breaks) {
                    break;
                }
            } finally {
                scopes.pop();
            }
        }
    }

    private Value pipeline(Pipeline p, Value dot) {
        Value result = null;
        boolean first = true;
        for (List<Arg> command : p.commands()) {
            result = command(command, dot, first ? null : result, !first);
            first = false;
        }
        if (!p.variables().isEmpty()) {
            String name = p.variables().getFirst();
            if (p.declare()) {
                scopes.peek().put(name, result);
            } else {
                scopes.stream().filter(s -> s.containsKey(name)).findFirst()
                        .orElseThrow(() -> GoTemplate.error("undefined variable: " + name)).put(name, result);
            }
        }
        return result;
    }

    /** One command; in a pipeline the previous command's value is its last argument. */
    private Value command(List<Arg> command, Value dot, Value piped, boolean hasPiped) {
        Arg head = command.getFirst();
        if (head instanceof GoTemplate.Function f) {
            var args = new ArrayList<Value>();
            for (Arg a : command.subList(1, command.size())) {
                args.add(arg(a, dot));
            }
            if (hasPiped) {
                args.add(piped);
            }
            return call(f.name(), args);
        }
        if (command.size() > 1 || hasPiped) {
            throw GoTemplate.error("can't give argument to non-function " + describe(head));
        }
        return arg(head, dot);
    }

    private Value arg(Arg a, Value dot) {
        return switch (a) {
            case GoTemplate.Literal l -> l.value();
            case GoTemplate.Nested n -> pipeline(n.pipeline(), dot);
            case GoTemplate.Function f -> call(f.name(), List.of());
            case GoTemplate.Field f -> {
                Value base = f.base() == null ? dot : variable(f.base());
                for (String key : f.path()) {
                    if (base == null) {
                        // below a missing key everything is missing too
                        yield null;
                    }
                    if (!(base instanceof ObjectValue o)) {
                        throw GoTemplate.error(base instanceof NullValue ? "nil pointer evaluating ." + key
                                : "can't evaluate field " + key + " in type " + goType(base));
                    }
                    base = o.get(key);
                }
                yield base;
            }
        };
    }

    private Value variable(String name) {
        for (Map<String, Value> scope : scopes) {
            if (scope.containsKey(name)) {
                return scope.get(name);
            }
        }
        throw GoTemplate.error("undefined variable: " + name);
    }

    private Value call(String name, List<Value> args) {
        return switch (name) {
            case "and", "or" -> {
                atLeast(name, args, 1);
                for (Value v : args.subList(0, args.size() - 1)) {
                    if (truth(v) == name.equals("or")) {
                        yield v;
                    }
                }
                yield args.getLast();
            }
            case "not" -> BoolValue.of(!truth(exactly(name, args, 1).getFirst()));
            case "len" -> NumberValue.of(switch (exactly(name, args, 1).getFirst()) {
                case StringValue s -> s.value().getBytes(StandardCharsets.UTF_8).length;
                case ArrayValue arr -> arr.items().size();
                case SetValue s -> s.items().size();
                case ObjectValue o -> o.entries().size();
                case null, default -> throw GoTemplate.error("len of " + goType(args.getFirst()));
            });
            case "index" -> {
                atLeast(name, args, 1);
                Value v = args.getFirst();
                for (Value key : args.subList(1, args.size())) {
                    v = index(v, key);
                }
                yield v;
            }
            case "eq" -> {
                atLeast(name, args, 2);
                boolean any = false;
                for (Value other : args.subList(1, args.size())) {
                    any |= compare(args.getFirst(), other, true) == 0;
                }
                yield BoolValue.of(any);
            }
            case "ne" -> BoolValue.of(compare(exactly(name, args, 2).get(0), args.get(1), true) != 0);
            case "lt" -> BoolValue.of(compare(exactly(name, args, 2).get(0), args.get(1), false) < 0);
            case "le" -> BoolValue.of(compare(exactly(name, args, 2).get(0), args.get(1), false) <= 0);
            case "gt" -> BoolValue.of(compare(exactly(name, args, 2).get(0), args.get(1), false) > 0);
            case "ge" -> BoolValue.of(compare(exactly(name, args, 2).get(0), args.get(1), false) >= 0);
            case "print" -> {
                var s = new StringBuilder();
                for (int i = 0; i < args.size(); i++) {
                    // Go's Sprint: a space between operands when neither is a string
                    if (i > 0 && !(args.get(i) instanceof StringValue) && !(args.get(i - 1) instanceof StringValue)) {
                        s.append(' ');
                    }
                    s.append(printNil(args.get(i)));
                }
                yield new StringValue(s.toString());
            }
            case "println" -> new StringValue(String.join(" ", args.stream().map(GoTemplateRun::printNil).toList()) + "\n");
            case "printf" -> {
                atLeast(name, args, 1);
                if (!(args.getFirst() instanceof StringValue format)) {
                    throw GoTemplate.error("printf: format must be a string");
                }
                yield new StringValue(Sprintf.format(format.value(), args.subList(1, args.size())));
            }
            default -> throw GoTemplate.error("function \"" + name + "\" not defined");
        };
    }

    private static Value index(Value v, Value key) {
        if (v instanceof ObjectValue o) {
            if (!(key instanceof StringValue)) {
                throw GoTemplate.error("index: value has type " + goType(key) + "; should be string");
            }
            // index gives the zero value (nil) for a missing key, as Go's index does
            Value found = o.entries().get(key);
            return found == null ? NullValue.NULL : found;
        }
        List<Value> items = v instanceof ArrayValue a ? a.items() : v instanceof SetValue s ? new ArrayList<>(s.items()) : null;
        if (items == null) {
            throw GoTemplate.error("can't index item of type " + goType(v));
        }
        if (!(key instanceof NumberValue n) || n.smallInt().isEmpty()) {
            throw GoTemplate.error("cannot index slice/array with " + goType(key));
        }
        int i = n.smallInt().get();
        if (i < 0 || i >= items.size()) {
            throw GoTemplate.error("index out of range: " + i);
        }
        return items.get(i);
    }

    /** Go's basic comparison: numbers numerically, strings and booleans by value; other pairs are errors. */
    private static int compare(Value a, Value b, boolean equality) {
        if (a instanceof NumberValue x && b instanceof NumberValue y) {
            return x.value().compareTo(y.value());
        }
        if (a instanceof StringValue x && b instanceof StringValue y) {
            return x.value().compareTo(y.value());
        }
        if (equality && a instanceof BoolValue x && b instanceof BoolValue y) {
            return Boolean.compare(x.value(), y.value());
        }
        if (equality && (a == null || a instanceof NullValue) && (b == null || b instanceof NullValue)) {
            return 0;
        }
        throw GoTemplate.error("incompatible types for comparison: " + goType(a) + " and " + goType(b));
    }

    private static List<Value> exactly(String name, List<Value> args, int n) {
        if (args.size() != n) {
            throw GoTemplate.error("wrong number of args for " + name + ": want " + n + " got " + args.size());
        }
        return args;
    }

    private static void atLeast(String name, List<Value> args, int n) {
        if (args.size() < n) {
            throw GoTemplate.error("wrong number of args for " + name + ": want at least " + n + " got " + args.size());
        }
    }

    /** Go's truth: zero, false, nil and empty strings, arrays and objects are empty; a missing key too. */
    static boolean truth(Value v) {
        return switch (v) {
            case null -> false;
            case NullValue n -> false;
            case BoolValue b -> b.value();
            case StringValue s -> !s.value().isEmpty();
            case NumberValue n -> n.value().signum() != 0;
            case ArrayValue a -> !a.items().isEmpty();
            case SetValue s -> !s.items().isEmpty();
            case ObjectValue o -> !o.entries().isEmpty();
        };
    }

    private static String printNil(Value v) {
        return v == null ? UNDEFINED : v instanceof NullValue ? "<nil>" : print(v);
    }

    /** Go's {@code %v} of decoded JSON. */
    static String print(Value v) {
        return switch (v) {
            case null -> UNDEFINED;
            case NullValue n -> "<nil>";
            case BoolValue b -> String.valueOf(b.value());
            case NumberValue n -> Json.write(n);
            case StringValue s -> s.value();
            case ArrayValue a -> "[" + String.join(" ", a.items().stream().map(GoTemplateRun::print).toList()) + "]";
            case SetValue s -> "[" + String.join(" ", s.items().stream().map(GoTemplateRun::print).toList()) + "]";
            case ObjectValue o -> {
                var parts = new ArrayList<String>();
                o.entries().forEach((k, val) -> parts.add(print(k) + ":" + print(val)));
                yield "map[" + String.join(" ", parts) + "]";
            }
        };
    }

    private static String goType(Value v) {
        return switch (v) {
            case null -> "nil";
            case NullValue n -> "nil";
            case BoolValue b -> "bool";
            case NumberValue n -> n.isInteger() ? "int" : "float64";
            case StringValue s -> "string";
            case ArrayValue a -> "[]interface {}";
            case SetValue s -> "[]interface {}";
            case ObjectValue o -> "map[string]interface {}";
        };
    }

    private static String describe(Arg a) {
        return switch (a) {
            case GoTemplate.Field f -> (f.base() == null ? "" : f.base()) + (f.path().isEmpty() && f.base() == null ? "." : "")
                    + String.join("", f.path().stream().map(p -> "." + p).toList());
            case GoTemplate.Literal l -> Json.write(l.value());
            default -> "value";
        };
    }

    private void write(String s) {
        if (out.length() + s.length() > MAX_OUTPUT) {
            throw BuiltinException.failed("template: output over " + MAX_OUTPUT + " bytes");
        }
        out.append(s);
    }
}
