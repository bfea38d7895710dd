package dev.arca.rego.eval;

import dev.arca.rego.builtin.Builtins;
import dev.arca.rego.syntax.Body;
import dev.arca.rego.syntax.Expr;
import dev.arca.rego.syntax.Literal;
import dev.arca.rego.syntax.Term;
import dev.arca.rego.syntax.Term.ArrayCompr;
import dev.arca.rego.syntax.Term.ArrayTerm;
import dev.arca.rego.syntax.Term.Call;
import dev.arca.rego.syntax.Term.ObjectCompr;
import dev.arca.rego.syntax.Term.ObjectTerm;
import dev.arca.rego.syntax.Term.Ref;
import dev.arca.rego.syntax.Term.SetCompr;
import dev.arca.rego.syntax.Term.SetTerm;
import dev.arca.rego.syntax.Term.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Orders the literals of a body so that each one's input variables are bound before it runs, as OPA's compiler does
 * ({@code x > 1; x = input.a} runs as {@code x = input.a; x > 1}). Conjunction commutes, so a literal only moves later,
 * and only when a variable it reads is bound further down; a body already in a safe order is left as written, and
 * literals that can never become ready keep their order at the end (evaluation then reports the unsafe variable).
 */
final class SafetyOrder {
    private final Builtins builtins;

    SafetyOrder(Builtins builtins) {
        this.builtins = builtins;
    }

    Body order(Body body, Set<String> bound) {
        List<Literal> pending = new ArrayList<>(body.literals());
        Set<String> known = new HashSet<>(bound);
        List<Literal> out = new ArrayList<>();
        while (!pending.isEmpty()) {
            int pick = -1;
            for (int i = 0; i < pending.size(); i++) {
                if (ready(pending.get(i), known, pending)) {
                    pick = i;
                    break;
                }
            }
            if (pick < 0) {
                // nothing can become ready: keep the rest as written
                for (Literal l : pending) {
                    out.add(nested(l, known));
                    allVars(l, known);
                }
                break;
            }
            Literal l = pending.remove(pick);
            out.add(nested(l, known));
            allVars(l, known);
        }
        return new Body(List.copyOf(out));
    }

    /** Orders the bodies nested in a literal (comprehensions, every) with what is bound where it runs. */
    private Literal nested(Literal l, Set<String> known) {
        Expr e = switch (l.expr()) {
            case Expr.TermExpr t -> new Expr.TermExpr(nested(t.term(), known));
            case Expr.Unify u -> new Expr.Unify(nested(u.left(), known), nested(u.right(), known));
            case Expr.Assign a -> new Expr.Assign(a.left(), nested(a.right(), known));
            case Expr.Every ev -> {
                Set<String> inner = new HashSet<>(known);
                if (ev.key() != null) {
                    inner.add(ev.key().name());
                }
                inner.add(ev.value().name());
                yield new Expr.Every(ev.key(), ev.value(), ev.domain(), order(ev.body(), inner));
            }
            case Expr.Block b -> new Expr.Block(order(b.body(), known));
            default -> l.expr();
        };
        return new Literal(l.negated(), e, l.withs(), l.at());
    }

    private Term nested(Term t, Set<String> known) {
        return switch (t) {
            case ArrayCompr c -> new ArrayCompr(c.head(), order(c.body(), known), c.at());
            case SetCompr c -> new SetCompr(c.head(), order(c.body(), known), c.at());
            case ObjectCompr c -> new ObjectCompr(c.key(), c.value(), order(c.body(), known), c.at());
            case Call c -> new Call(c.operator(), c.args().stream().map(a -> nested(a, known)).toList(), c.at());
            case ArrayTerm a -> new ArrayTerm(a.items().stream().map(i -> nested(i, known)).toList(), a.at());
            default -> t;
        };
    }

    private boolean ready(Literal l, Set<String> known, List<Literal> pending) {
        Set<String> needs = new LinkedHashSet<>();
        switch (l.expr()) {
            case Expr.TermExpr t -> {
                if (t.term() instanceof Call c && hasOutputArgument(c)) {
                    c.args().subList(0, c.args().size() - 1).forEach(a -> needs(a, needs));
                } else {
                    needs(t.term(), needs);
                }
            }
            case Expr.Unify u -> {
                Set<String> left = new HashSet<>();
                Set<String> right = new HashSet<>();
                needs(u.left(), left);
                needs(u.right(), right);
                // one side must be evaluable; the other is evaluable too or a pattern that binds
                boolean l0 = known.containsAll(left);
                boolean r0 = known.containsAll(right);
                if (!((l0 && (r0 || isPattern(u.right()))) || (r0 && isPattern(u.left())))) {
                    needs.addAll(left);
                    needs.addAll(right);
                }
            }
            case Expr.Assign a -> needs(a.right(), needs);
            case Expr.SomeIn s -> needs(s.collection(), needs);
            case Expr.Every ev -> needs(ev.domain(), needs);
            case Expr.Block b -> {
                // the variables of a not-body that the rest of the body binds must be bound before it runs
                Set<String> inner = new HashSet<>();
                b.body().literals().forEach(lit -> allVars(lit, inner));
                inner.removeIf(v -> v.equals("input") || v.equals("data") || v.startsWith("$_"));
                needs.addAll(inner);
            }
            case Expr.SomeDecl s -> {
            }
        }
        for (Literal.With w : l.withs()) {
            needs(w.value(), needs);
        }
        if (l.negated()) {
            // variables only a negation mentions are local to it
            Set<String> others = new HashSet<>();
            for (Literal p : pending) {
                if (p != l) {
                    allVars(p, others);
                }
            }
            needs.retainAll(others);
        }
        return known.containsAll(needs);
    }

    private boolean hasOutputArgument(Call c) {
        Builtins.Entry b = builtins.get(c.operator());
        return b != null && b.arity() >= 0 && c.args().size() == b.arity() + 1;
    }

    private static boolean isPattern(Term t) {
        return t instanceof Var || t instanceof ArrayTerm || t instanceof ObjectTerm;
    }

    /** Variables that must be bound to evaluate a term; variables in reference keys are bound by iteration. */
    private static void needs(Term t, Set<String> out) {
        switch (t) {
            case Var v -> {
                if (!v.isWildcard() && !v.name().equals("input") && !v.name().equals("data")) {
                    out.add(v.name());
                }
            }
            case Ref r -> {
                needs(r.head(), out);
                for (Term p : r.path()) {
                    if (!(p instanceof Var) && !(p instanceof ArrayTerm) && !(p instanceof ObjectTerm)) {
                        needs(p, out);
                    }
                }
            }
            case ArrayTerm a -> a.items().forEach(i -> needs(i, out));
            case SetTerm s -> s.items().forEach(i -> needs(i, out));
            case ObjectTerm o -> o.entries().forEach(e -> {
                needs(e.key(), out);
                needs(e.value(), out);
            });
            case Call c -> c.args().forEach(a -> needs(a, out));
            default -> {
            }
        }
    }

    private static void allVars(Literal l, Set<String> out) {
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
                vars(s.collection(), out);
            }
            case Expr.SomeDecl s -> s.vars().forEach(v -> out.add(v.name()));
            case Expr.Every ev -> vars(ev.domain(), out);
            case Expr.Block b -> b.body().literals().forEach(inner -> allVars(inner, out));
        }
    }

    private static void vars(Term t, Set<String> out) {
        switch (t) {
            case Var v -> out.add(v.name());
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
}
