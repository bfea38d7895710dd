package dev.arca.rego.eval;

import dev.arca.rego.builtin.Builtins;
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
import dev.arca.rego.value.StringValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * OPA's safety check, at compile time: every variable of a rule head, a negated expression, a built-in's input, a
 * {@code with} value or a comprehension head must be bound by a positive expression of the body, else the policy is
 * refused with {@code rego_unsafe_var_error: var x is unsafe}. Bodies are reordered as OPA's compiler reorders them
 * ({@code x > 1; x = input.a} runs as {@code x = input.a; x > 1}): passes over the body in written order place every
 * expression whose variables are bound, until a pass places nothing; whatever is left holds an unsafe variable.
 * Comprehension, {@code every} and not-bodies are closures: they are placed once the outer variables they cannot bind
 * on their own are bound, and are ordered themselves with what is bound where they run. {@link LocalDeclarations}
 * has refused redeclarations before; {@link TypeChecker} runs on the ordered bodies after.
 */
final class SafetyOrder {
    private final Builtins builtins;
    private final LiteralOutputs outputs;

    /** {@code functionArity}: the number of arguments of a policy function by full name, or null. */
    SafetyOrder(Builtins builtins, Function<String, Integer> functionArity) {
        this.builtins = builtins;
        this.outputs = new LiteralOutputs(builtins, functionArity);
    }

    private record Ordered(Body body, Set<String> safe) {
    }

    /** The rule with every body in a safe order; its head variables must appear in the body. */
    Rule rule(Rule rule) {
        Set<String> args = new HashSet<>();
        rule.args().forEach(a -> Vars.of(a, args));
        Set<String> headShared = new LinkedHashSet<>();
        rule.ref().subList(1, rule.ref().size()).forEach(t -> Vars.of(t, headShared));
        if (rule.key() != null) {
            Vars.of(rule.key(), headShared);
        }
        // heads first, as OPA's stages run: a head variable the body never mentions is unsafe at the rule
        for (Rule.Clause c : rule.clauses()) {
            Set<String> bodyVars = new HashSet<>(args);
            c.body().literals().forEach(l -> literalVars(l, bodyVars));
            Set<String> head = new LinkedHashSet<>(headShared);
            if (c.value() != null) {
                Vars.of(c.value(), head);
            }
            // a head's own references bind their keys (f(x) := o[_] == x)
            Set<String> headOuts = new HashSet<>();
            rule.ref().subList(1, rule.ref().size()).forEach(t -> LiteralOutputs.refOutputs(t, bodyVars, headOuts));
            if (rule.key() != null) {
                LiteralOutputs.refOutputs(rule.key(), bodyVars, headOuts);
            }
            if (c.value() != null) {
                LiteralOutputs.refOutputs(c.value(), bodyVars, headOuts);
            }
            for (String v : head) {
                if (!bodyVars.contains(v) && !headOuts.contains(v)) {
                    throw unsafe(rule.at(), v);
                }
            }
        }
        var clauses = new ArrayList<Rule.Clause>();
        Set<String> firstSafe = null;
        for (Rule.Clause c : rule.clauses()) {
            Ordered o = order(c.body(), args);
            firstSafe = firstSafe == null ? o.safe() : firstSafe;
            clauses.add(new Rule.Clause(c.value() == null ? null : nested(c.value(), o.safe()), o.body()));
        }
        Set<String> safe = firstSafe == null ? args : firstSafe;
        var ref = new ArrayList<Term>();
        ref.add(rule.ref().get(0));
        rule.ref().subList(1, rule.ref().size()).forEach(t -> ref.add(nested(t, safe)));
        Term key = rule.key() == null ? null : nested(rule.key(), safe);
        return new Rule(rule.kind(), rule.isDefault(), List.copyOf(ref), rule.args(), key, List.copyOf(clauses),
                rule.at());
    }

    /** A query or body in a safe order, given the variables bound before it. */
    Body query(Body body) {
        return order(body, Set.of()).body();
    }

    private Ordered order(Body body, Set<String> bound) {
        Analysis a = analyze(body, bound);
        if (a.blocked() != null) {
            throw unsafe(a.blocked().at(), a.unsafe().iterator().next());
        }
        var out = new ArrayList<Literal>();
        for (int i = 0; i < a.placed().size(); i++) {
            out.add(nested(a.placed().get(i), a.boundBefore().get(i)));
        }
        return new Ordered(new Body(List.copyOf(out)), a.safe());
    }

    /**
     * The passes over a body: the literals in the order they can run, what is bound when each runs (its outputs
     * included, for its closures), and the first literal that can never run with its unsafe variables.
     */
    private record Analysis(List<Literal> placed, List<Set<String>> boundBefore, Set<String> safe, Literal blocked,
            Set<String> unsafe) {
    }

    private Analysis analyze(Body body, Set<String> bound) {
        List<Literal> lits = body.literals();
        Set<String> bodyVars = new HashSet<>();
        lits.forEach(l -> literalVars(l, bodyVars));
        Set<String> safe = new HashSet<>(bound);
        boolean[] placed = new boolean[lits.size()];
        var order = new ArrayList<Literal>();
        var before = new ArrayList<Set<String>>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int i = 0; i < lits.size(); i++) {
                if (placed[i]) {
                    continue;
                }
                Literal l = lits.get(i);
                Set<String> outs = outputs.of(l, safe);
                if (missing(l, safe, outs, bodyVars).isEmpty()) {
                    Set<String> inner = new HashSet<>(safe);
                    inner.addAll(outs);
                    order.add(l);
                    before.add(inner);
                    safe.addAll(outs);
                    placed[i] = true;
                    progress = true;
                }
            }
        }
        for (int i = 0; i < lits.size(); i++) {
            if (!placed[i]) {
                Literal l = lits.get(i);
                // name first what the literal reads, then what it would have bound (y in y := concat(",", z))
                Set<String> unsafe = new LinkedHashSet<>();
                Set<String> m = missing(l, safe, outputs.of(l, safe), bodyVars);
                for (String v : m) {
                    Set<String> others = new HashSet<>(safe);
                    others.addAll(bodyVars);
                    others.remove(v);
                    if (!outputs.of(l, others).contains(v)) {
                        unsafe.add(v);
                    }
                }
                unsafe.addAll(m);
                return new Analysis(order, before, safe, l, unsafe);
            }
        }
        return new Analysis(order, before, safe, null, Set.of());
    }

    private static RegoCompileException unsafe(Location at, String var) {
        return new RegoCompileException("rego_unsafe_var_error", at, "var " + Vars.display(var) + " is unsafe");
    }

    // ---- what a literal needs and what it binds ----

    /** The variables of a literal outside closures (with values included, function replacements not). */
    private void literalVars(Literal l, Set<String> out) {
        switch (l.expr()) {
            case Expr.TermExpr t -> Vars.of(t.term(), out);
            case Expr.Unify u -> {
                Vars.of(u.left(), out);
                Vars.of(u.right(), out);
            }
            case Expr.Assign a -> {
                Vars.of(a.left(), out);
                Vars.of(a.right(), out);
            }
            case Expr.SomeIn s -> {
                if (s.key() != null) {
                    Vars.of(s.key(), out);
                }
                Vars.of(s.value(), out);
                Vars.of(s.collection(), out);
            }
            case Expr.Every e -> Vars.of(e.domain(), out);
            case Expr.SomeDecl s -> {
            }
            case Expr.Block b -> {
            }
        }
        for (Literal.With w : l.withs()) {
            if (!isFunctionReplacement(w)) {
                Vars.of(w.value(), out);
            }
        }
    }

    /** {@code with f as count}: the value names a built-in, it is not a variable. */
    private boolean isFunctionReplacement(Literal.With w) {
        if (!(w.target() instanceof Scalar)) {
            return false;
        }
        if (w.value() instanceof Var v) {
            return builtins.contains(v.name());
        }
        if (w.value() instanceof Ref r && r.head() instanceof Var v && !Vars.isRoot(v.name())) {
            var name = new StringBuilder(v.name());
            for (Term p : r.path()) {
                if (!(p instanceof Scalar s && s.value() instanceof StringValue sv)) {
                    return false;
                }
                name.append('.').append(sv.value());
            }
            return builtins.contains(name.toString());
        }
        return false;
    }

    /** Variables that keep a literal from running now: its inputs not yet bound, and outer variables of its closures. */
    private Set<String> missing(Literal l, Set<String> safe, Set<String> outs, Set<String> bodyVars) {
        Set<String> need = new LinkedHashSet<>();
        literalVars(l, need);
        need.removeAll(safe);
        need.removeAll(outs);
        // a closure waits for the variables it cannot bind itself that the enclosing body binds
        Set<String> free = new LinkedHashSet<>();
        closuresOf(l).forEach(c -> free.addAll(unboundIn(c)));
        free.retainAll(bodyVars);
        free.removeAll(safe);
        free.removeAll(outs);
        need.addAll(free);
        return need;
    }

    /** The closures of a literal: comprehensions in its terms, its every body or not-body. */
    private static List<Object> closuresOf(Literal l) {
        var out = new ArrayList<Object>();
        if (l.expr() instanceof Expr.Every e) {
            out.add(e);
        } else if (l.expr() instanceof Expr.Block b) {
            out.add(b);
        }
        Vars.terms(l).forEach(t -> out.addAll(Vars.closures(t)));
        return out;
    }

    private final Map<Object, Set<String>> unbound = new IdentityHashMap<>();

    /**
     * The variables a closure cannot bind on its own (nothing bound outside it), its nested closures' included: the
     * ones it needs from the enclosing body. Computed once per closure.
     */
    private Set<String> unboundIn(Object closure) {
        Set<String> known = unbound.get(closure);
        if (known != null) {
            return known;
        }
        Set<String> out = new LinkedHashSet<>();
        switch (closure) {
            case ArrayCompr c -> closureUnbound(c.body(), Set.of(), List.of(c.head()), out);
            case SetCompr c -> closureUnbound(c.body(), Set.of(), List.of(c.head()), out);
            case ObjectCompr c -> closureUnbound(c.body(), Set.of(), List.of(c.key(), c.value()), out);
            case Expr.Every e -> {
                Set<String> declared = new HashSet<>();
                if (e.key() != null) {
                    declared.add(e.key().name());
                }
                declared.add(e.value().name());
                closureUnbound(e.body(), declared, List.of(), out);
            }
            case Expr.Block b -> closureUnbound(b.body(), Set.of(), List.of(), out);
            default -> {
            }
        }
        unbound.put(closure, out);
        return out;
    }

    private void closureUnbound(Body body, Set<String> declared, List<Term> head, Set<String> out) {
        Analysis a = analyze(body, declared);
        if (a.blocked() != null) {
            // every literal left over: what none of the passes could bind
            Set<String> bodyVars = new HashSet<>();
            body.literals().forEach(l -> literalVars(l, bodyVars));
            for (Literal l : body.literals()) {
                if (!a.placed().contains(l)) {
                    out.addAll(missing(l, a.safe(), outputs.of(l, a.safe()), bodyVars));
                }
            }
        }
        for (Term h : head) {
            Set<String> hv = new LinkedHashSet<>();
            Vars.of(h, hv);
            hv.removeAll(a.safe());
            out.addAll(hv);
            Vars.closures(h).forEach(c -> out.addAll(unboundIn(c)));
        }
        body.literals().forEach(l -> closuresOf(l).forEach(c -> out.addAll(unboundIn(c))));
    }

    // ---- closures, ordered where they run ----

    private Literal nested(Literal l, Set<String> safe) {
        Expr e = switch (l.expr()) {
            case Expr.TermExpr t -> new Expr.TermExpr(nested(t.term(), safe));
            case Expr.Unify u -> new Expr.Unify(nested(u.left(), safe), nested(u.right(), safe));
            case Expr.Assign a -> new Expr.Assign(a.left(), nested(a.right(), safe));
            case Expr.SomeIn s -> new Expr.SomeIn(s.key(), s.value(), nested(s.collection(), safe));
            case Expr.Every ev -> {
                Set<String> inner = new HashSet<>(safe);
                if (ev.key() != null) {
                    inner.add(ev.key().name());
                }
                inner.add(ev.value().name());
                yield new Expr.Every(ev.key(), ev.value(), nested(ev.domain(), safe), order(ev.body(), inner).body());
            }
            case Expr.Block b -> new Expr.Block(order(b.body(), safe).body());
            case Expr.SomeDecl s -> s;
        };
        var withs = l.withs().stream().map(w -> new Literal.With(w.target(), nested(w.value(), safe))).toList();
        return new Literal(l.negated(), e, withs, l.at());
    }

    private Term nested(Term t, Set<String> safe) {
        return switch (t) {
            case ArrayCompr c -> {
                Ordered o = closure(c.body(), safe, List.of(c.head()), c.at());
                yield new ArrayCompr(nested(c.head(), o.safe()), o.body(), c.at());
            }
            case SetCompr c -> {
                Ordered o = closure(c.body(), safe, List.of(c.head()), c.at());
                yield new SetCompr(nested(c.head(), o.safe()), o.body(), c.at());
            }
            case ObjectCompr c -> {
                Ordered o = closure(c.body(), safe, List.of(c.key(), c.value()), c.at());
                yield new ObjectCompr(nested(c.key(), o.safe()), nested(c.value(), o.safe()), o.body(), c.at());
            }
            case Call c -> new Call(c.operator(), c.args().stream().map(a -> nested(a, safe)).toList(), c.at());
            case ArrayTerm a -> new ArrayTerm(a.items().stream().map(i -> nested(i, safe)).toList(), a.at());
            case SetTerm s -> new SetTerm(s.items().stream().map(i -> nested(i, safe)).toList(), s.at());
            case ObjectTerm o -> new ObjectTerm(o.entries().stream()
                    .map(e -> new Term.Entry(nested(e.key(), safe), nested(e.value(), safe))).toList(), o.at());
            case Ref r -> new Ref(nested(r.head(), safe), r.path().stream().map(p -> nested(p, safe)).toList(), r.at());
            default -> t;
        };
    }

    /** A comprehension's body in order; the variables of its head must be bound by it. */
    private Ordered closure(Body body, Set<String> safe, List<Term> head, Location at) {
        Ordered o = order(body, safe);
        Set<String> headVars = new LinkedHashSet<>();
        head.forEach(h -> Vars.of(h, headVars));
        for (String v : headVars) {
            if (!o.safe().contains(v)) {
                throw unsafe(at, v);
            }
        }
        return o;
    }
}
