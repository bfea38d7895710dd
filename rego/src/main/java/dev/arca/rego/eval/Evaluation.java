package dev.arca.rego.eval;

import dev.arca.rego.builtin.BuiltinContext;
import dev.arca.rego.builtin.BuiltinException;
import dev.arca.rego.builtin.Builtins;
import dev.arca.rego.builtin.Environment;
import dev.arca.rego.syntax.Body;
import dev.arca.rego.syntax.Expr;
import dev.arca.rego.syntax.Literal;
import dev.arca.rego.syntax.Location;
import dev.arca.rego.syntax.Rule;
import dev.arca.rego.syntax.Term;
import dev.arca.rego.syntax.Term.ArrayCompr;
import dev.arca.rego.syntax.Term.ArrayTerm;
import dev.arca.rego.syntax.Term.Call;
import dev.arca.rego.syntax.Term.ObjectCompr;
import dev.arca.rego.syntax.Term.ObjectTerm;
import dev.arca.rego.syntax.Term.Ref;
import dev.arca.rego.syntax.Term.Scalar;
import dev.arca.rego.syntax.Term.SetCompr;
import dev.arca.rego.syntax.Term.SetTerm;
import dev.arca.rego.syntax.Term.Var;
import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.Json;
import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.ObjectValue;
import dev.arca.rego.value.SetValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One top-down evaluation of a query against a {@link Program}, input and base data: depth-first with backtracking,
 * variables bound by unification and undone on the way back. Continuations return {@code true} to stop the search
 * (used by {@code not}, {@code every} and first-solution queries). Not thread-safe; create one per query.
 */
public final class Evaluation {

    /** The rest of a body: returns true to stop enumerating. */
    @FunctionalInterface
    interface Next {
        boolean run();
    }

    /** Receives each value a term takes: returns true to stop enumerating. */
    @FunctionalInterface
    interface Each {
        boolean accept(Value v);
    }

    private final Program program;
    private final Budget budget;
    private final boolean strictBuiltinErrors;
    private final BuiltinContext builtinContext;
    private Context ctx;

    /** What {@code with} can change; a new context also starts a new memo of rule values. */
    private record Context(Value input, Value data, Map<List<String>, Value> dataOverrides,
            Map<String, Object> functionOverrides, Map<RuleNode, Optional<Value>> memo, Set<RuleNode> inProgress) {
        Context(Value input, Value data) {
            this(input, data, Map.of(), Map.of(), new HashMap<>(), new HashSet<>());
        }
    }

    /** Variable bindings of one rule body (shared by the comprehensions inside it), with an undo trail. */
    static final class Frame {
        private final Map<String, Value> vars = new HashMap<>();
        private final List<String> trail = new ArrayList<>();

        Value get(String name) {
            return vars.get(name);
        }

        boolean isBound(String name) {
            return vars.containsKey(name);
        }

        int mark() {
            return trail.size();
        }

        void bind(String name, Value v) {
            vars.put(name, v);
            trail.add(name);
        }

        void undo(int mark) {
            while (trail.size() > mark) {
                vars.remove(trail.remove(trail.size() - 1));
            }
        }
    }

    public Evaluation(Program program, Value input, Value data, long maxSteps, long timeoutNanos,
            boolean strictBuiltinErrors, Instant now, Environment environment) {
        this.program = program;
        this.budget = new Budget(maxSteps, timeoutNanos);
        this.strictBuiltinErrors = strictBuiltinErrors;
        this.builtinContext = new BuiltinContext(now, new HashMap<>(), environment, budget::remainingNanos);
        this.ctx = new Context(input, data == null ? ObjectValue.EMPTY : data);
    }

    /** Every solution of the query: the values of its named variables. */
    public List<Map<String, Value>> run(Body query, int maxResults) {
        var names = new LinkedHashSet<String>();
        query.literals().forEach(l -> collectQueryVars(l, names));
        var results = new ArrayList<Map<String, Value>>();
        var frame = new Frame();
        evalBody(query.literals(), 0, frame, () -> {
            var row = new LinkedHashMap<String, Value>();
            for (String n : names) {
                Value v = frame.get(n);
                if (v != null) {
                    row.put(n, v);
                }
            }
            results.add(row);
            return results.size() >= maxResults;
        });
        return results;
    }

    public long stepsUsed() {
        return budget.used();
    }

    private static void collectQueryVars(Literal l, Set<String> out) {
        switch (l.expr()) {
            case Expr.TermExpr t -> vars(t.term(), out);
            case Expr.Unify u -> {
                vars(u.left(), out);
                vars(u.right(), out);
            }
            case Expr.Assign a -> {
                vars(a.left(), out);
                vars(a.right(), out);
            }
            case Expr.SomeIn s -> {
                if (s.key() != null) {
                    vars(s.key(), out);
                }
                vars(s.value(), out);
            }
            default -> {
            }
        }
    }

    private static void vars(Term t, Set<String> out) {
        switch (t) {
            case Var v -> {
                if (!v.isWildcard() && !v.name().equals("input") && !v.name().equals("data")) {
                    out.add(v.name());
                }
            }
            case Ref r -> {
                vars(r.head(), out);
                r.path().forEach(p -> vars(p, out));
            }
            case ArrayTerm a -> a.items().forEach(i -> vars(i, out));
            case SetTerm s -> s.items().forEach(i -> vars(i, out));
            case ObjectTerm o -> o.entries().forEach(e -> {
                vars(e.key(), out);
                vars(e.value(), out);
            });
            case Call c -> c.args().forEach(a -> vars(a, out));
            default -> {
            }
        }
    }

    // ---- bodies and literals ----

    boolean evalBody(List<Literal> lits, int i, Frame f, Next k) {
        // every literal and every solution of a body costs a step, so iteration is counted where it happens
        budget.step();
        if (i == lits.size()) {
            return k.run();
        }
        Literal lit = lits.get(i);
        Next rest = () -> evalBody(lits, i + 1, f, k);
        if (lit.withs().isEmpty()) {
            return evalLiteral(lit, f, rest);
        }
        Context outer = ctx;
        Context inner = withContext(lit, f);
        ctx = inner;
        try {
            return evalLiteral(lit, f, () -> {
                ctx = outer;
                try {
                    return rest.run();
                } finally {
                    ctx = inner;
                }
            });
        } finally {
            ctx = outer;
        }
    }

    private boolean evalLiteral(Literal lit, Frame f, Next k) {
        if (lit.negated()) {
            boolean holds = evalExpr(lit.expr(), f, () -> true);
            return !holds && k.run();
        }
        return evalExpr(lit.expr(), f, k);
    }

    private boolean evalExpr(Expr e, Frame f, Next k) {
        return switch (e) {
            case Expr.TermExpr t -> evalTerm(t.term(), f, v -> v.isTruthy() && k.run());
            case Expr.Unify u -> unify(u.left(), u.right(), f, k);
            case Expr.Assign a -> evalTerm(a.right(), f, v -> {
                // the compiler refuses a second declaration in one scope, so a variable already bound here is an
                // outer one that a comprehension's := shadows (its right side still read the outer value)
                var declared = new HashSet<String>();
                vars(a.left(), declared);
                var saved = shadow(f, List.copyOf(declared));
                try {
                    return unifyPattern(a.left(), v, f, k);
                } finally {
                    restore(f, saved);
                }
            });
            case Expr.SomeDecl s -> {
                var saved = shadow(f, s.vars().stream().map(Var::name).toList());
                try {
                    yield k.run();
                } finally {
                    restore(f, saved);
                }
            }
            case Expr.SomeIn s -> evalSomeIn(s, f, k);
            case Expr.Every ev -> evalEvery(ev, f, k);
            case Expr.Block b -> evalBody(b.body().literals(), 0, f, k);
        };
    }

    /** Unbinds names a nested declaration reuses; {@link #restore} puts the outer values back. */
    private static Map<String, Value> shadow(Frame f, List<String> names) {
        var saved = new HashMap<String, Value>();
        for (String n : names) {
            if (f.isBound(n)) {
                saved.put(n, f.vars.remove(n));
            }
        }
        return saved;
    }

    private static void restore(Frame f, Map<String, Value> saved) {
        f.vars.putAll(saved);
    }

    private boolean evalSomeIn(Expr.SomeIn s, Frame f, Next k) {
        var declared = new HashSet<String>();
        if (s.key() != null) {
            vars(s.key(), declared);
        }
        vars(s.value(), declared);
        return evalTerm(s.collection(), f, coll -> {
            var saved = shadow(f, List.copyOf(declared));
            try {
                return forEachMember(coll, (key, val) -> {
                    Next inner = () -> unifyPattern(s.value(), val, f, k);
                    return s.key() == null ? inner.run() : unifyPattern(s.key(), key, f, inner);
                });
            } finally {
                restore(f, saved);
            }
        });
    }

    private boolean evalEvery(Expr.Every ev, Frame f, Next k) {
        var names = new ArrayList<String>();
        if (ev.key() != null) {
            names.add(ev.key().name());
        }
        names.add(ev.value().name());
        boolean[] all = {true};
        evalTerm(ev.domain(), f, domain -> {
            var saved = shadow(f, names);
            try {
                forEachMember(domain, (key, val) -> {
                    int m = f.mark();
                    if (ev.key() != null && !ev.key().isWildcard()) {
                        f.bind(ev.key().name(), key);
                    }
                    if (!ev.value().isWildcard()) {
                        f.bind(ev.value().name(), val);
                    }
                    boolean holds = evalBody(ev.body().literals(), 0, f, () -> true);
                    f.undo(m);
                    if (!holds) {
                        all[0] = false;
                        return true;
                    }
                    return false;
                });
            } finally {
                restore(f, saved);
            }
            return !all[0];
        });
        return all[0] && k.run();
    }

    @FunctionalInterface
    private interface Member {
        boolean accept(Value key, Value value);
    }

    private static boolean forEachMember(Value coll, Member m) {
        switch (coll) {
            case ArrayValue a -> {
                for (int i = 0; i < a.items().size(); i++) {
                    if (m.accept(NumberValue.of(i), a.items().get(i))) {
                        return true;
                    }
                }
            }
            case ObjectValue o -> {
                for (var e : o.entries().entrySet()) {
                    if (m.accept(e.getKey(), e.getValue())) {
                        return true;
                    }
                }
            }
            case SetValue s -> {
                for (Value v : s.items()) {
                    if (m.accept(v, v)) {
                        return true;
                    }
                }
            }
            default -> {
            }
        }
        return false;
    }

    // ---- with ----

    private Context withContext(Literal lit, Frame f) {
        Value input = ctx.input();
        var dataOverrides = new LinkedHashMap<>(ctx.dataOverrides());
        var functionOverrides = new HashMap<>(ctx.functionOverrides());
        for (Literal.With w : lit.withs()) {
            Term target = w.target();
            if (target instanceof Scalar s && s.value() instanceof StringValue name) {
                functionOverrides.put(name.value(), functionReplacement(w.value(), f));
                continue;
            }
            Value value = first(w.value(), f);
            if (target instanceof Var v && v.name().equals("input")) {
                input = value;
            } else if (target instanceof Ref r && r.head() instanceof Var v && v.name().equals("input")) {
                input = setPath(input, groundPath(r, f), value);
            } else if (target instanceof Var v && v.name().equals("data")) {
                dataOverrides.put(List.of(), value);
            } else if (target instanceof Ref r && r.head() instanceof Var v && v.name().equals("data")) {
                dataOverrides.put(groundPath(r, f), value);
            } else {
                throw new RegoCompileException("rego_compile_error", lit.at(),
                        "with keyword target must reference existing input, data, or a function");
            }
        }
        return new Context(input, ctx.data(), Map.copyOf(dataOverrides), Map.copyOf(functionOverrides),
                new HashMap<>(), new HashSet<>());
    }

    /** A function replaced by another function (its name) or by a value. */
    private Object functionReplacement(Term value, Frame f) {
        if (value instanceof Ref r && r.head() instanceof Var v && v.name().equals("data")
                && r.path().stream().allMatch(p -> p instanceof Scalar s && s.value() instanceof StringValue)) {
            RuleNode node = program.root;
            for (Term p : r.path()) {
                node = node == null ? null : node.children.get(((StringValue) ((Scalar) p).value()).value());
            }
            if (node != null && node.isFunction()) {
                var name = new StringBuilder("data");
                node.path.forEach(p -> name.append('.').append(p));
                return name.toString();
            }
        }
        if (value instanceof Var v && !f.isBound(v.name()) && program.builtins.contains(v.name())) {
            return v.name();
        }
        if (value instanceof Ref r && r.head() instanceof Var v && !f.isBound(v.name())
                && !v.name().equals("input") && !v.name().equals("data")) {
            var name = new StringBuilder(v.name());
            r.path().forEach(p -> name.append('.').append(((Scalar) p).value() instanceof StringValue s ? s.value() : "?"));
            if (program.builtins.contains(name.toString())) {
                return name.toString();
            }
        }
        return first(value, f);
    }

    private List<String> groundPath(Ref r, Frame f) {
        var path = new ArrayList<String>();
        for (Term p : r.path()) {
            if (first(p, f) instanceof StringValue s) {
                path.add(s.value());
            } else {
                throw new RegoCompileException("rego_compile_error", r.at(), "with target path must be strings");
            }
        }
        return path;
    }

    private Value first(Term t, Frame f) {
        Value[] out = {null};
        evalTerm(t, f, v -> {
            out[0] = v;
            return true;
        });
        if (out[0] == null) {
            throw new RegoEvalException("eval_type_error", t.at(), "with value is undefined");
        }
        return out[0];
    }

    static Value setPath(Value base, List<String> path, Value v) {
        if (path.isEmpty()) {
            return v;
        }
        var entries = new TreeMap<Value, Value>(base instanceof ObjectValue o ? o.entries() : Map.of());
        var key = new StringValue(path.get(0));
        entries.put(key, setPath(entries.get(key), path.subList(1, path.size()), v));
        return new ObjectValue(entries);
    }

    // ---- unification ----

    private boolean isPattern(Term t, Frame f) {
        return switch (t) {
            case Var v -> !f.isBound(v.name()) && !v.name().equals("input") && !v.name().equals("data");
            case ArrayTerm a -> a.items().stream().anyMatch(i -> isPattern(i, f));
            case ObjectTerm o -> o.entries().stream().anyMatch(e -> isPattern(e.value(), f));
            default -> false;
        };
    }

    private boolean unify(Term a, Term b, Frame f, Next k) {
        boolean pa = isPattern(a, f);
        boolean pb = isPattern(b, f);
        if (pa && pb && a instanceof ArrayTerm x && b instanceof ArrayTerm y) {
            return x.items().size() == y.items().size() && unifyPairs(x.items(), y.items(), 0, f, k);
        }
        if (pa && pb && a instanceof ObjectTerm x && b instanceof ObjectTerm y && x.entries().size() == y.entries().size()) {
            return unifyObjects(x.entries(), y, 0, f, k);
        }
        if (pa && pb && a instanceof Var va && b instanceof Var vb) {
            throw unsafe(va.name().startsWith("$") ? vb : va);
        }
        if (pa) {
            return evalTerm(b, f, v -> unifyPattern(a, v, f, k));
        }
        return evalTerm(a, f, v -> unifyPattern(b, v, f, k));
    }

    /** Two object patterns: the same (ground) keys, values unified pairwise. */
    private boolean unifyObjects(List<Term.Entry> xs, ObjectTerm y, int i, Frame f, Next k) {
        if (i == xs.size()) {
            return k.run();
        }
        Term.Entry e = xs.get(i);
        return evalTerm(e.key(), f, key -> {
            for (Term.Entry other : y.entries()) {
                boolean[] same = {false};
                evalTerm(other.key(), f, otherKey -> {
                    same[0] = otherKey.equals(key);
                    return true;
                });
                if (same[0]) {
                    return unify(e.value(), other.value(), f, () -> unifyObjects(xs, y, i + 1, f, k));
                }
            }
            return false;
        });
    }

    private boolean unifyPairs(List<Term> xs, List<Term> ys, int i, Frame f, Next k) {
        if (i == xs.size()) {
            return k.run();
        }
        return unify(xs.get(i), ys.get(i), f, () -> unifyPairs(xs, ys, i + 1, f, k));
    }

    boolean unifyPattern(Term p, Value v, Frame f, Next k) {
        switch (p) {
            case Var var when !var.name().equals("input") && !var.name().equals("data") -> {
                Value bound = f.get(var.name());
                if (bound != null) {
                    return bound.equals(v) && k.run();
                }
                int m = f.mark();
                f.bind(var.name(), v);
                try {
                    return k.run();
                } finally {
                    f.undo(m);
                }
            }
            case ArrayTerm a when isPattern(a, f) -> {
                if (!(v instanceof ArrayValue av) || av.items().size() != a.items().size()) {
                    return false;
                }
                return unifyItems(a.items(), av.items(), 0, f, k);
            }
            case ObjectTerm o when isPattern(o, f) -> {
                if (!(v instanceof ObjectValue ov) || ov.entries().size() != o.entries().size()) {
                    return false;
                }
                return unifyEntries(o.entries(), ov, 0, f, k);
            }
            default -> {
                return evalTerm(p, f, pv -> pv.equals(v) && k.run());
            }
        }
    }

    private boolean unifyItems(List<Term> ts, List<Value> vs, int i, Frame f, Next k) {
        if (i == ts.size()) {
            return k.run();
        }
        return unifyPattern(ts.get(i), vs.get(i), f, () -> unifyItems(ts, vs, i + 1, f, k));
    }

    private boolean unifyEntries(List<Term.Entry> es, ObjectValue ov, int i, Frame f, Next k) {
        if (i == es.size()) {
            return k.run();
        }
        Term.Entry e = es.get(i);
        return evalTerm(e.key(), f, key -> {
            Value val = ov.entries().get(key);
            return val != null && unifyPattern(e.value(), val, f, () -> unifyEntries(es, ov, i + 1, f, k));
        });
    }

    private static RegoEvalException unsafe(Var v) {
        String name = v.isWildcard() ? "_" : v.name();
        return new RegoEvalException("rego_unsafe_var_error", v.at(), "var " + name + " is unsafe");
    }

    // ---- terms ----

    boolean evalTerm(Term t, Frame f, Each each) {
        return switch (t) {
            case Scalar s -> each.accept(s.value());
            case Var v -> {
                Value bound = f.get(v.name());
                if (bound != null) {
                    yield each.accept(bound);
                }
                if (v.name().equals("input")) {
                    yield ctx.input() != null && each.accept(ctx.input());
                }
                if (v.name().equals("data")) {
                    yield evalData(List.of(), 0, program.root, ctx.data(), f, each);
                }
                throw unsafe(v);
            }
            case Ref r -> evalRef(r, f, each);
            case ArrayTerm a -> evalTerms(a.items(), 0, new ArrayList<>(), f, vs -> each.accept(new ArrayValue(vs)));
            case SetTerm s -> evalTerms(s.items(), 0, new ArrayList<>(), f,
                    vs -> each.accept(new SetValue(new TreeSet<>(vs))));
            case ObjectTerm o -> {
                var flat = new ArrayList<Term>();
                o.entries().forEach(e -> {
                    flat.add(e.key());
                    flat.add(e.value());
                });
                yield evalTerms(flat, 0, new ArrayList<>(), f, vs -> {
                    var entries = new TreeMap<Value, Value>();
                    for (int i = 0; i < vs.size(); i += 2) {
                        entries.put(vs.get(i), vs.get(i + 1));
                    }
                    return each.accept(new ObjectValue(entries));
                });
            }
            case Call c -> evalCall(c, f, each);
            case ArrayCompr c -> {
                var items = new ArrayList<Value>();
                evalBody(c.body().literals(), 0, f, () -> evalTerm(c.head(), f, v -> {
                    items.add(v);
                    return false;
                }));
                yield each.accept(new ArrayValue(items));
            }
            case SetCompr c -> {
                var items = new TreeSet<Value>();
                evalBody(c.body().literals(), 0, f, () -> evalTerm(c.head(), f, v -> {
                    items.add(v);
                    return false;
                }));
                yield each.accept(new SetValue(items));
            }
            case ObjectCompr c -> {
                var entries = new TreeMap<Value, Value>();
                evalBody(c.body().literals(), 0, f, () -> evalTerm(c.key(), f, key -> evalTerm(c.value(), f, val -> {
                    Value old = entries.put(key, val);
                    if (old != null && !old.equals(val)) {
                        throw new RegoEvalException("eval_conflict_error", c.at(), "object keys must be unique");
                    }
                    return false;
                })));
                yield each.accept(new ObjectValue(entries));
            }
        };
    }

    @FunctionalInterface
    private interface Values {
        boolean accept(List<Value> vs);
    }

    private boolean evalTerms(List<Term> ts, int i, List<Value> acc, Frame f, Values done) {
        // constant items are taken as they are, without a continuation each: a policy's long literal (a table of
        // cases, an allow-list) then costs no stack depth per element
        int next = i;
        try {
            for (; next < ts.size(); next++) {
                Value c = constant(ts.get(next));
                if (c == null) {
                    break;
                }
                acc.add(c);
            }
            if (next == ts.size()) {
                return done.accept(new ArrayList<>(acc));
            }
            int at = next;
            return evalTerm(ts.get(at), f, v -> {
                acc.add(v);
                try {
                    return evalTerms(ts, at + 1, acc, f, done);
                } finally {
                    acc.remove(acc.size() - 1);
                }
            });
        } finally {
            acc.subList(acc.size() - (next - i), acc.size()).clear();
        }
    }

    /** The value of a literal made only of scalars, arrays, sets and objects; null when it has anything else. */
    private static Value constant(Term t) {
        switch (t) {
            case Scalar s -> {
                return s.value();
            }
            case ArrayTerm a -> {
                var items = new ArrayList<Value>(a.items().size());
                for (Term item : a.items()) {
                    Value v = constant(item);
                    if (v == null) {
                        return null;
                    }
                    items.add(v);
                }
                return new ArrayValue(items);
            }
            case SetTerm st -> {
                var items = new TreeSet<Value>();
                for (Term item : st.items()) {
                    Value v = constant(item);
                    if (v == null) {
                        return null;
                    }
                    items.add(v);
                }
                return new SetValue(items);
            }
            case ObjectTerm o -> {
                var entries = new TreeMap<Value, Value>();
                for (var e : o.entries()) {
                    Value k = constant(e.key());
                    Value v = k == null ? null : constant(e.value());
                    if (v == null) {
                        return null;
                    }
                    entries.put(k, v);
                }
                return new ObjectValue(entries);
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * A call's arguments with the bare variables last, as OPA's compiler orders them: a reference argument may bind a
     * variable by iteration that another argument only reads ({@code x == xs[x]}). The values keep their positions.
     */
    private boolean evalArgs(List<Term> ts, Frame f, Values done) {
        boolean variableSeen = false;
        boolean reorder = false;
        for (Term t : ts) {
            if (t instanceof Var) {
                variableSeen = true;
            } else if (variableSeen) {
                reorder = true;
                break;
            }
        }
        if (!reorder) {
            // already in OPA's order (the common case): no bookkeeping on the call path
            return evalTerms(ts, 0, new ArrayList<>(), f, done);
        }
        List<Integer> order = new ArrayList<>(ts.size());
        for (int i = 0; i < ts.size(); i++) {
            if (!(ts.get(i) instanceof Var)) {
                order.add(i);
            }
        }
        for (int i = 0; i < ts.size(); i++) {
            if (ts.get(i) instanceof Var) {
                order.add(i);
            }
        }
        return evalInOrder(ts, order, 0, new Value[ts.size()], f, done);
    }

    private boolean evalInOrder(List<Term> ts, List<Integer> order, int k, Value[] slots, Frame f, Values done) {
        if (k == order.size()) {
            return done.accept(new ArrayList<>(Arrays.asList(slots)));
        }
        int i = order.get(k);
        return evalTerm(ts.get(i), f, v -> {
            slots[i] = v;
            return evalInOrder(ts, order, k + 1, slots, f, done);
        });
    }

    private boolean evalRef(Ref r, Frame f, Each each) {
        if (r.head() instanceof Var v && !f.isBound(v.name())) {
            if (v.name().equals("data")) {
                return evalData(r.path(), 0, program.root, ctx.data(), f, each);
            }
            if (v.name().equals("input")) {
                return ctx.input() != null && walk(ctx.input(), r.path(), 0, f, each);
            }
        }
        return evalTerm(r.head(), f, hv -> walk(hv, r.path(), 0, f, each));
    }

    private boolean walk(Value cur, List<Term> path, int i, Frame f, Each each) {
        return walk(cur, path, i, f, each, false);
    }

    /**
     * Follows a reference's path into a value. In base documents ({@code baseData}: reached by a reference from
     * {@code data}), a number also finds the object key that is its text ({@code data.nested[2]} reads key "2"), as
     * OPA's store turns a reference into a path of strings; a value held in a variable is compared term by term.
     */
    private boolean walk(Value cur, List<Term> path, int i, Frame f, Each each, boolean baseData) {
        budget.step();
        if (i == path.size()) {
            return each.accept(cur);
        }
        Term t = path.get(i);
        if (isPattern(t, f)) {
            return forEachMember(cur, (key, val) ->
                    unifyPattern(t, key, f, () -> walk(val, path, i + 1, f, each, baseData)));
        }
        return evalTerm(t, f, key -> {
            Value child = baseData ? lookupBase(cur, key) : lookup(cur, key);
            return child != null && walk(child, path, i + 1, f, each, baseData);
        });
    }

    private static Value lookupBase(Value cur, Value key) {
        Value child = lookup(cur, key);
        if (child == null && cur instanceof ObjectValue o && key instanceof NumberValue n) {
            child = o.entries().get(new StringValue(Json.write(n)));
        }
        return child;
    }

    static Value lookup(Value cur, Value key) {
        return switch (cur) {
            case ArrayValue a -> key instanceof NumberValue n ? n.smallInt().filter(i -> i >= 0 && i < a.items().size())
                    .map(i -> a.items().get(i)).orElse(null) : null;
            case ObjectValue o -> o.entries().get(key);
            case SetValue s -> s.items().contains(key) ? key : null;
            default -> null;
        };
    }

    // ---- data: base documents and rules ----

    private boolean evalData(List<Term> path, int i, RuleNode node, Value base, Frame f, Each each) {
        Value override = ctx.dataOverrides().get(node.path);
        if (override != null) {
            return walk(override, path, i, f, each);
        }
        if (node.hasRules()) {
            Optional<Value> v = ruleValue(node);
            return v.isPresent() && walk(applyOverridesBelow(node.path, v.get()), path, i, f, each);
        }
        if (i == path.size()) {
            return each.accept(applyOverridesBelow(node.path, fullValue(node, base)));
        }
        Term t = path.get(i);
        if (isPattern(t, f)) {
            var keys = new TreeSet<Value>();
            node.children.keySet().forEach(k -> keys.add(new StringValue(k)));
            if (base instanceof ObjectValue o) {
                keys.addAll(o.entries().keySet());
            }
            for (Value key : keys) {
                if (unifyPattern(t, key, f, () -> descend(node, base, key, path, i, f, each))) {
                    return true;
                }
            }
            return false;
        }
        return evalTerm(t, f, key -> descend(node, base, key, path, i, f, each));
    }

    private boolean descend(RuleNode node, Value base, Value key, List<Term> path, int i, Frame f, Each each) {
        Value childBase = base instanceof ObjectValue ? lookupBase(base, key) : null;
        RuleNode child = key instanceof StringValue s ? node.children.get(s.value()) : null;
        if (child != null) {
            return evalData(path, i + 1, child, childBase, f, each);
        }
        if (key instanceof StringValue s && !ctx.dataOverrides().isEmpty()) {
            var childPath = new ArrayList<>(node.path);
            childPath.add(s.value());
            Value overridden = applyOverridesBelow(childPath, childBase);
            if (ctx.dataOverrides().containsKey(childPath)) {
                overridden = ctx.dataOverrides().get(childPath);
            }
            childBase = overridden;
        }
        return childBase != null && walk(childBase, path, i + 1, f, each, true);
    }

    private Value applyOverridesBelow(List<String> path, Value v) {
        Value out = v;
        for (var e : ctx.dataOverrides().entrySet()) {
            List<String> p = e.getKey();
            if (p.size() > path.size() && p.subList(0, path.size()).equals(path)) {
                out = setPath(out, p.subList(path.size(), p.size()), e.getValue());
            }
        }
        return out;
    }

    /**
     * The whole document at an interior node: base data merged with the values of the rules below. Where base data
     * and a rule give the same key, objects merge key by key and otherwise the base value stays, as OPA's evaluator
     * reads such a document (a reference to the rule itself still gives the rule's value).
     */
    private Value fullValue(RuleNode node, Value base) {
        var entries = new TreeMap<Value, Value>(base instanceof ObjectValue o ? o.entries() : Map.of());
        for (var e : node.children.entrySet()) {
            RuleNode child = e.getValue();
            var key = new StringValue(e.getKey());
            Value override = ctx.dataOverrides().get(child.path);
            if (override != null) {
                entries.put(key, override);
            } else if (child.hasRules()) {
                if (!child.isFunction()) {
                    ruleValue(child).ifPresent(v -> entries.merge(key, v, Evaluation::baseOverRule));
                }
            } else {
                entries.put(key, fullValue(child, entries.get(key)));
            }
        }
        return new ObjectValue(entries);
    }

    private static Value baseOverRule(Value base, Value rule) {
        if (base instanceof ObjectValue b && rule instanceof ObjectValue r) {
            var merged = new TreeMap<>(r.entries());
            b.entries().forEach((k, v) -> merged.merge(k, v, (fromRule, fromBase) -> baseOverRule(fromBase, fromRule)));
            return new ObjectValue(merged);
        }
        return base;
    }

    /** The value of the rules at a node, computed once per context. */
    private Optional<Value> ruleValue(RuleNode node) {
        Optional<Value> memo = ctx.memo().get(node);
        if (memo != null) {
            return memo;
        }
        if (node.isFunction()) {
            return Optional.empty();
        }
        if (!ctx.inProgress().add(node)) {
            throw new RegoCompileException("rego_recursion_error", firstRule(node).at(),
                    "rule data." + String.join(".", node.path) + " is recursive");
        }
        try {
            Optional<Value> v = computeRuleValue(node);
            ctx.memo().put(node, v);
            return v;
        } finally {
            ctx.inProgress().remove(node);
        }
    }

    private static Rule firstRule(RuleNode node) {
        return node.rules.isEmpty() ? node.defaultRule.rule() : node.rules.get(0).rule();
    }

    private Optional<Value> computeRuleValue(RuleNode node) {
        Rule.Kind kind = firstRule(node).kind();
        boolean ground = node.rules.stream().allMatch(p -> p.tail().isEmpty());
        if (ground && kind == Rule.Kind.SINGLE) {
            Value result = null;
            Location at = null;
            for (RuleNode.Placed p : node.rules) {
                for (Value v : singleValues(p)) {
                    if (result != null && !result.equals(v)) {
                        throw new RegoEvalException("eval_conflict_error", p.rule().at(),
                                "complete rules must not produce multiple outputs");
                    }
                    result = v;
                    at = p.rule().at();
                }
            }
            if (result == null && node.defaultRule != null) {
                result = singleValues(node.defaultRule).stream().findFirst().orElse(null);
            }
            return Optional.ofNullable(result);
        }
        var tree = new TreeMap<Value, Object>();
        var set = new TreeSet<Value>();
        for (RuleNode.Placed p : node.rules) {
            Rule r = p.rule();
            for (Rule.Clause clause : r.clauses()) {
                boolean[] any = {false};
                var frame = new Frame();
                evalBody(clause.body().literals(), 0, frame, () -> {
                    any[0] = true;
                    Term leaf = r.kind() == Rule.Kind.MULTI ? r.key() : clause.value();
                    return evalTerms(p.tail(), 0, new ArrayList<>(), frame, keys -> evalTerm(leaf, frame, v -> {
                        if (keys.isEmpty()) {
                            set.add(v);
                        } else {
                            insert(tree, keys, v, r.kind() == Rule.Kind.MULTI, r.at());
                        }
                        return false;
                    }));
                });
                if (any[0]) {
                    break;
                }
            }
        }
        if (ground) {
            return Optional.of(new SetValue(set));
        }
        // rules further down (p[x] := ... beside p.q := ...) contribute to the same object
        for (var e : node.children.entrySet()) {
            RuleNode child = e.getValue();
            if (child.isFunction()) {
                continue;
            }
            Optional<Value> v = child.hasRules() ? ruleValue(child) : Optional.of(fullValue(child, null));
            if (v.isPresent()) {
                mergeInto(tree, new StringValue(e.getKey()), v.get(), firstRule(node).at());
            }
        }
        return Optional.of(toValue(tree));
    }

    /** The values one rule gives: those of its first clause (in else order) whose body holds. */
    private List<Value> singleValues(RuleNode.Placed p) {
        var out = new ArrayList<Value>();
        for (Rule.Clause clause : p.rule().clauses()) {
            var frame = new Frame();
            evalBody(clause.body().literals(), 0, frame, () -> evalTerm(clause.value(), frame, v -> {
                if (!out.contains(v)) {
                    out.add(v);
                }
                return false;
            }));
            if (!out.isEmpty()) {
                break;
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void insert(TreeMap<Value, Object> tree, List<Value> keys, Value v, boolean multi, Location at) {
        TreeMap<Value, Object> cur = tree;
        for (int i = 0; i < keys.size() - 1; i++) {
            Object next = cur.computeIfAbsent(keys.get(i), k -> new TreeMap<Value, Object>());
            if (!(next instanceof TreeMap<?, ?>)) {
                throw new RegoEvalException("eval_conflict_error", at, "object keys must be unique");
            }
            cur = (TreeMap<Value, Object>) next;
        }
        Value last = keys.get(keys.size() - 1);
        Object existing = cur.get(last);
        if (multi) {
            if (existing == null) {
                existing = new TreeSet<Value>();
                cur.put(last, existing);
            }
            if (!(existing instanceof TreeSet<?>)) {
                throw new RegoEvalException("eval_conflict_error", at, "object keys must be unique");
            }
            ((TreeSet<Value>) existing).add(v);
        } else {
            if (existing != null && !existing.equals(v)) {
                throw new RegoEvalException("eval_conflict_error", at, "object keys must be unique");
            }
            cur.put(last, v);
        }
    }

    @SuppressWarnings("unchecked")
    private static void mergeInto(TreeMap<Value, Object> tree, Value key, Value v, Location at) {
        Object existing = tree.get(key);
        if (existing == null) {
            tree.put(key, v);
        } else if (existing instanceof TreeMap<?, ?> m && v instanceof ObjectValue o) {
            o.entries().forEach((k, val) -> mergeInto((TreeMap<Value, Object>) m, k, val, at));
        } else if (existing instanceof TreeSet<?> s && v instanceof SetValue sv) {
            ((TreeSet<Value>) s).addAll(sv.items());
        } else if (!existing.equals(v)) {
            throw new RegoEvalException("eval_conflict_error", at, "object keys must be unique");
        }
    }

    @SuppressWarnings("unchecked")
    private static Value toValue(Object node) {
        return switch (node) {
            case Value v -> v;
            case TreeSet<?> s -> new SetValue((TreeSet<Value>) s);
            case TreeMap<?, ?> m -> {
                var entries = new TreeMap<Value, Value>();
                ((TreeMap<Value, Object>) m).forEach((k, v) -> entries.put(k, toValue(v)));
                yield new ObjectValue(entries);
            }
            default -> throw new IllegalStateException();
        };
    }

    // ---- calls ----

    private boolean evalCall(Call c, Frame f, Each each) {
        String name = c.operator();
        Object override = ctx.functionOverrides().get(name);
        if (name.equals("print") && override == null) {
            return evalPrint(c, f, each);
        }
        if (override instanceof Value v) {
            return evalTerms(c.args(), 0, new ArrayList<>(), f, args -> each.accept(v));
        }
        Context callee = ctx;
        if (override instanceof String other) {
            // the replacement runs with the original functions: neither itself nor another mock (OPA's "mock will
            // not call other mock")
            callee = new Context(ctx.input(), ctx.data(), ctx.dataOverrides(), Map.of(), new HashMap<>(),
                    ctx.inProgress());
            name = other;
        }
        int arity;
        RuleNode fn = null;
        Builtins.Entry builtin = null;
        if (name.startsWith("data.")) {
            fn = program.root;
            for (String p : name.substring(5).split("\\.")) {
                fn = fn == null ? null : fn.children.get(p);
            }
            if (fn == null || !fn.isFunction()) {
                if (fn != null && fn.hasRules() && c.args().isEmpty()) {
                    RuleNode node = fn;
                    Optional<Value> v = ruleValue(node);
                    return v.isPresent() && each.accept(v.get());
                }
                throw new RegoEvalException("rego_type_error", c.at(), "undefined function " + name);
            }
            arity = firstRule(fn).args().size();
        } else {
            builtin = program.builtins.get(name);
            if (builtin == null) {
                throw new RegoEvalException("rego_type_error", c.at(), "undefined function " + name);
            }
            arity = builtin.arity() < 0 ? c.args().size() : builtin.arity();
        }
        if (c.args().size() != arity && c.args().size() != arity + 1) {
            throw new RegoEvalException("rego_type_error", c.at(), name + ": arity mismatch (expected " + arity
                    + " arguments, got " + c.args().size() + ")");
        }
        Term output = c.args().size() == arity + 1 ? c.args().get(arity) : null;
        List<Term> inputs = c.args().subList(0, arity);
        RuleNode function = fn;
        Builtins.Entry bi = builtin;
        String calledName = name;
        Context calleeContext = callee;
        return evalArgs(inputs, f, args -> {
            budget.step();
            if (bi != null && bi.enumerates()) {
                for (Value r : bi.enumerator().apply(args)) {
                    if (deliver(r, output, f, each)) {
                        return true;
                    }
                }
                return false;
            }
            Context caller = ctx;
            ctx = calleeContext;
            Value r;
            try {
                r = function != null ? callFunction(function, args, c.at()) : callBuiltin(calledName, bi, args, c.at());
            } finally {
                ctx = caller;
            }
            return r != null && deliver(r, output, f, each);
        });
    }

    /**
     * {@code print} as OPA runs it: never undefined and never failing the body; an argument without a value prints
     * {@code <undefined>}, one with several values prints a line per combination; strings unquoted, other values in
     * Rego's syntax, separated by spaces; the lines go to the embedder's sink.
     */
    private boolean evalPrint(Call c, Frame f, Each each) {
        budget.step();
        var columns = new ArrayList<List<String>>();
        for (Term arg : c.args()) {
            var texts = new ArrayList<String>();
            evalTerm(arg, f, v -> {
                String text = v instanceof StringValue s ? s.value() : v.toString();
                if (!texts.contains(text)) {
                    texts.add(text);
                }
                return false;
            });
            columns.add(texts.isEmpty() ? List.of("<undefined>") : texts);
        }
        printRows(columns, 0, new ArrayList<>());
        return each.accept(BoolValue.TRUE);
    }

    private void printRows(List<List<String>> columns, int i, List<String> row) {
        if (i == columns.size()) {
            builtinContext.environment().printSink().accept(String.join(" ", row));
            return;
        }
        for (String text : columns.get(i)) {
            budget.step();
            row.add(text);
            printRows(columns, i + 1, row);
            row.remove(row.size() - 1);
        }
    }

    private boolean deliver(Value r, Term output, Frame f, Each each) {
        if (output == null) {
            return each.accept(r);
        }
        return unifyPattern(output, r, f, () -> each.accept(BoolValue.TRUE));
    }

    private Value callBuiltin(String name, Builtins.Entry bi, List<Value> args, Location at) {
        try {
            return bi.function().apply(args, builtinContext);
        } catch (BuiltinException e) {
            if (strictBuiltinErrors || e.code().equals("eval_conflict_error")) {
                throw new RegoEvalException(e.code(), at, name + ": " + e.getMessage());
            }
            return null;
        } catch (RuntimeException e) {
            if (e instanceof dev.arca.rego.RegoException re) {
                throw re;
            }
            // a library refusing the operands: a built-in error, never a crash
            if (strictBuiltinErrors) {
                throw new RegoEvalException("eval_builtin_error", at, name + ": invalid operands");
            }
            return null;
        }
    }

    private Value callFunction(RuleNode node, List<Value> args, Location at) {
        var results = new ArrayList<Value>();
        for (RuleNode.Placed p : node.rules) {
            Rule r = p.rule();
            for (Rule.Clause clause : r.clauses()) {
                int before = results.size();
                var frame = new Frame();
                unifyItems(r.args(), args, 0, frame, () -> evalBody(clause.body().literals(), 0, frame,
                        () -> evalTerm(clause.value(), frame, v -> {
                            if (!results.contains(v)) {
                                results.add(v);
                            }
                            return false;
                        })));
                if (results.size() > before) {
                    break;
                }
            }
        }
        if (results.size() > 1) {
            throw new RegoEvalException("eval_conflict_error", at,
                    "functions must not produce multiple outputs for same inputs");
        }
        if (results.isEmpty() && node.defaultRule != null) {
            var frame = new Frame();
            Value[] d = {null};
            evalTerm(node.defaultRule.rule().clauses().get(0).value(), frame, v -> {
                d[0] = v;
                return true;
            });
            return d[0];
        }
        return results.isEmpty() ? null : results.get(0);
    }
}
