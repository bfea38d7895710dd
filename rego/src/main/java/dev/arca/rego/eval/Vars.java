package dev.arca.rego.eval;

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
import java.util.List;
import java.util.Set;

/** The variables of terms as the compile-time checks see them: {@code input} and {@code data} are roots, not variables. */
final class Vars {
    private Vars() {
    }

    static boolean isRoot(String name) {
        return name.equals("input") || name.equals("data");
    }

    /** How a variable is named in messages: every wildcard is {@code _}. */
    static String display(String name) {
        return name.startsWith("$_") ? "_" : name;
    }

    /** Variables of a term outside the closures (comprehensions) it contains. */
    static void of(Term t, Set<String> out) {
        switch (t) {
            case Var v -> {
                if (!isRoot(v.name())) {
                    out.add(v.name());
                }
            }
            case Ref r -> {
                of(r.head(), out);
                r.path().forEach(p -> of(p, out));
            }
            case ArrayTerm a -> a.items().forEach(i -> of(i, out));
            case SetTerm s -> s.items().forEach(i -> of(i, out));
            case ObjectTerm o -> o.entries().forEach(e -> {
                of(e.key(), out);
                of(e.value(), out);
            });
            case Call c -> c.args().forEach(a -> of(a, out));
            default -> {
            }
        }
    }

    /**
     * The terms of a literal: those of its expression (an every's domain, not its body) and its {@code with} values,
     * in that order.
     */
    static List<Term> terms(Literal l) {
        var terms = new ArrayList<Term>();
        switch (l.expr()) {
            case Expr.TermExpr t -> terms.add(t.term());
            case Expr.Unify u -> {
                terms.add(u.left());
                terms.add(u.right());
            }
            case Expr.Assign a -> terms.add(a.right());
            case Expr.SomeIn s -> terms.add(s.collection());
            case Expr.Every e -> terms.add(e.domain());
            case Expr.Block b -> {
            }
            case Expr.SomeDecl s -> {
            }
        }
        l.withs().forEach(w -> terms.add(w.value()));
        return terms;
    }

    /** The outermost comprehensions of a term. */
    static List<Term> closures(Term t) {
        var out = new java.util.ArrayList<Term>();
        collectClosures(t, out);
        return out;
    }

    private static void collectClosures(Term t, List<Term> out) {
        switch (t) {
            case ArrayCompr c -> out.add(c);
            case SetCompr c -> out.add(c);
            case ObjectCompr c -> out.add(c);
            case Ref r -> {
                collectClosures(r.head(), out);
                r.path().forEach(p -> collectClosures(p, out));
            }
            case ArrayTerm a -> a.items().forEach(i -> collectClosures(i, out));
            case SetTerm s -> s.items().forEach(i -> collectClosures(i, out));
            case ObjectTerm o -> o.entries().forEach(e -> {
                collectClosures(e.key(), out);
                collectClosures(e.value(), out);
            });
            case Call c -> c.args().forEach(a -> collectClosures(a, out));
            default -> {
            }
        }
    }
}
