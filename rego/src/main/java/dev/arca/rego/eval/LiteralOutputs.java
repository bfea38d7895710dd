package dev.arca.rego.eval;

import dev.arca.rego.builtin.Builtins;
import dev.arca.rego.syntax.Expr;
import dev.arca.rego.syntax.Literal;
import dev.arca.rego.syntax.Term;
import dev.arca.rego.syntax.Term.ArrayTerm;
import dev.arca.rego.syntax.Term.Call;
import dev.arca.rego.syntax.Term.ObjectTerm;
import dev.arca.rego.syntax.Term.Ref;
import dev.arca.rego.syntax.Term.Scalar;
import dev.arca.rego.syntax.Term.SetTerm;
import dev.arca.rego.syntax.Term.Var;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * What a literal binds when it runs with some variables already bound (OPA's output variables): the keys of
 * references that iterate, a pattern unified with something that can be evaluated, a call's output argument, the
 * variables of {@code some … in}. A negation binds nothing.
 */
final class LiteralOutputs {
    private final Builtins builtins;
    private final Function<String, Integer> functionArity;

    LiteralOutputs(Builtins builtins, Function<String, Integer> functionArity) {
        this.builtins = builtins;
        this.functionArity = functionArity;
    }

    /** Variables a literal binds when it runs with {@code safe} bound; a negation binds nothing. */
    Set<String> of(Literal l, Set<String> safe) {
        Set<String> out = new HashSet<>();
        if (l.negated()) {
            return out;
        }
        switch (l.expr()) {
            case Expr.TermExpr t -> {
                refOutputs(t.term(), safe, out);
                if (t.term() instanceof Call c && hasOutputArgument(c)) {
                    Set<String> inputs = new HashSet<>();
                    c.args().subList(0, c.args().size() - 1).forEach(a -> Vars.of(a, inputs));
                    if (known(inputs, safe, out)) {
                        patternVars(c.args().get(c.args().size() - 1), out);
                    }
                }
            }
            case Expr.Unify u -> unifyOutputs(u.left(), u.right(), safe, out);
            case Expr.Assign a -> unifyOutputs(a.left(), a.right(), safe, out);
            case Expr.SomeIn s -> {
                refOutputs(s.collection(), safe, out);
                if (s.key() != null) {
                    Vars.of(s.key(), out);
                }
                Vars.of(s.value(), out);
            }
            default -> {
            }
        }
        out.removeAll(safe);
        return out;
    }

    private boolean hasOutputArgument(Call c) {
        Integer arity;
        if (c.operator().startsWith("data.")) {
            arity = functionArity.apply(c.operator());
        } else {
            Builtins.Entry b = builtins.get(c.operator());
            arity = b == null || b.arity() < 0 ? null : b.arity();
        }
        return arity != null && c.args().size() == arity + 1;
    }

    private static boolean known(Set<String> vars, Set<String> safe, Set<String> out) {
        for (String v : vars) {
            if (!safe.contains(v) && !out.contains(v)) {
                return false;
            }
        }
        return true;
    }

    /** Variables bound by iterating references whose head is bound: {@code input.a[i]}, {@code xs[_]}. */
    static void refOutputs(Term t, Set<String> safe, Set<String> out) {
        switch (t) {
            case Ref r -> {
                refOutputs(r.head(), safe, out);
                Set<String> head = new HashSet<>();
                Vars.of(r.head(), head);
                boolean headBound = known(head, safe, out);
                for (Term p : r.path()) {
                    if (headBound && (p instanceof Var || p instanceof ArrayTerm || p instanceof ObjectTerm)) {
                        Vars.of(p, out);
                    } else {
                        refOutputs(p, safe, out);
                    }
                }
            }
            case ArrayTerm a -> a.items().forEach(i -> refOutputs(i, safe, out));
            case SetTerm s -> s.items().forEach(i -> refOutputs(i, safe, out));
            case ObjectTerm o -> o.entries().forEach(e -> {
                refOutputs(e.key(), safe, out);
                refOutputs(e.value(), safe, out);
            });
            case Call c -> c.args().forEach(a -> refOutputs(a, safe, out));
            default -> {
            }
        }
    }

    /** What {@code a = b} binds: a variable or pattern on one side once the other side can be evaluated. */
    private static void unifyOutputs(Term a, Term b, Set<String> safe, Set<String> out) {
        refOutputs(a, safe, out);
        refOutputs(b, safe, out);
        while (unifyStep(a, b, safe, out)) {
            // until nothing more is bound
        }
    }

    private static boolean unifyStep(Term a, Term b, Set<String> safe, Set<String> out) {
        if (a instanceof ArrayTerm x && b instanceof ArrayTerm y && x.items().size() == y.items().size()) {
            boolean changed = false;
            for (int i = 0; i < x.items().size(); i++) {
                changed |= unifyStep(x.items().get(i), y.items().get(i), safe, out);
            }
            return changed;
        }
        if (a instanceof ObjectTerm x && b instanceof ObjectTerm y) {
            boolean changed = false;
            for (Term.Entry e : x.entries()) {
                for (Term.Entry f : y.entries()) {
                    if (e.key() instanceof Scalar k1 && f.key() instanceof Scalar k2 && k1.value().equals(k2.value())) {
                        changed |= unifyStep(e.value(), f.value(), safe, out);
                    }
                }
            }
            return changed;
        }
        return bindPattern(a, b, safe, out) | bindPattern(b, a, safe, out);
    }

    /** Binds the variables of {@code pattern} when {@code other} can be evaluated. */
    private static boolean bindPattern(Term pattern, Term other, Set<String> safe, Set<String> out) {
        Set<String> otherVars = new HashSet<>();
        Vars.of(other, otherVars);
        if (!known(otherVars, safe, out)) {
            return false;
        }
        Set<String> bound = new HashSet<>();
        patternVars(pattern, bound);
        bound.removeAll(safe);
        return out.addAll(bound);
    }

    /** Variables a pattern binds: itself, array items, object values (keys must be known). */
    private static void patternVars(Term t, Set<String> out) {
        switch (t) {
            case Var v -> {
                if (!Vars.isRoot(v.name())) {
                    out.add(v.name());
                }
            }
            case ArrayTerm a -> a.items().forEach(i -> patternVars(i, out));
            case ObjectTerm o -> o.entries().forEach(e -> patternVars(e.value(), out));
            default -> {
            }
        }
    }
}
