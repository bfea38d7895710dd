package dev.arca.rego.eval;

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
import dev.arca.rego.syntax.Term.SetCompr;
import dev.arca.rego.syntax.Term.SetTerm;
import dev.arca.rego.syntax.Term.Var;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * OPA's checks of local declarations ({@code rego_compile_error}), in written order: a variable declared with
 * {@code :=}, {@code some} or {@code some … in} must not already be assigned ({@code var x assigned above}), declared
 * ({@code var x declared above}) or mentioned ({@code var x referenced above}) in the same scope, nor be a function
 * argument ({@code arg x redeclared}); {@code :=} may not be negated. Comprehensions, {@code every} and not-bodies
 * open a scope of their own, so a declaration there may shadow an outer variable.
 */
final class LocalDeclarations {
    private enum Occurrence { SEEN, ASSIGNED, DECLARED, ARG }

    private final Deque<Map<String, Occurrence>> scopes = new ArrayDeque<>();

    private LocalDeclarations() {
    }

    static void check(Rule rule) {
        for (Rule.Clause c : rule.clauses()) {
            var check = new LocalDeclarations();
            check.scopes.push(new HashMap<>());
            rule.args().forEach(a -> check.arguments(a));
            check.body(c.body());
            if (c.value() != null) {
                check.term(c.value());
            }
        }
    }

    static void checkQuery(Body query) {
        var check = new LocalDeclarations();
        check.scopes.push(new HashMap<>());
        check.body(query);
    }

    private void arguments(Term t) {
        switch (t) {
            case Var v -> {
                if (!v.isWildcard()) {
                    scopes.peek().put(v.name(), Occurrence.ARG);
                }
            }
            case ArrayTerm a -> a.items().forEach(this::arguments);
            case ObjectTerm o -> o.entries().forEach(e -> arguments(e.value()));
            default -> {
            }
        }
    }

    private void body(Body b) {
        b.literals().forEach(this::literal);
    }

    private void literal(Literal l) {
        switch (l.expr()) {
            case Expr.Assign a -> {
                if (l.negated()) {
                    throw new RegoCompileException("rego_compile_error", l.at(),
                            "cannot assign vars inside negated expression");
                }
                term(a.right());
                declare(a.left(), Occurrence.ASSIGNED, l.at());
            }
            case Expr.SomeDecl s -> s.vars().forEach(v -> declare(v, Occurrence.DECLARED, l.at()));
            case Expr.SomeIn s -> {
                term(s.collection());
                if (s.key() != null) {
                    declare(s.key(), Occurrence.DECLARED, l.at());
                }
                declare(s.value(), Occurrence.DECLARED, l.at());
            }
            case Expr.Every e -> {
                term(e.domain());
                scopes.push(new HashMap<>());
                if (e.key() != null && !e.key().isWildcard()) {
                    scopes.peek().put(e.key().name(), Occurrence.DECLARED);
                }
                if (!e.value().isWildcard()) {
                    scopes.peek().put(e.value().name(), Occurrence.DECLARED);
                }
                body(e.body());
                scopes.pop();
            }
            case Expr.Block b -> {
                scopes.push(new HashMap<>());
                body(b.body());
                scopes.pop();
            }
            case Expr.TermExpr t -> term(t.term());
            case Expr.Unify u -> {
                term(u.left());
                term(u.right());
            }
        }
        l.withs().forEach(w -> term(w.value()));
    }

    /** The variables of a declared pattern; object keys and other terms in it are only read. */
    private void declare(Term pattern, Occurrence how, Location at) {
        switch (pattern) {
            case Var v -> {
                if (v.isWildcard() || Vars.isRoot(v.name())) {
                    return;
                }
                Occurrence before = scopes.peek().get(v.name());
                if (before != null) {
                    String message = switch (before) {
                        case SEEN -> "var " + v.name() + " referenced above";
                        case ASSIGNED -> "var " + v.name() + " assigned above";
                        case DECLARED -> "var " + v.name() + " declared above";
                        case ARG -> "arg " + v.name() + " redeclared";
                    };
                    throw new RegoCompileException("rego_compile_error", at, message);
                }
                scopes.peek().put(v.name(), how);
            }
            case ArrayTerm a -> a.items().forEach(i -> declare(i, how, at));
            case ObjectTerm o -> o.entries().forEach(e -> {
                term(e.key());
                declare(e.value(), how, at);
            });
            default -> term(pattern);
        }
    }

    private void term(Term t) {
        switch (t) {
            case Var v -> {
                if (!v.isWildcard() && !Vars.isRoot(v.name())) {
                    scopes.peek().putIfAbsent(v.name(), Occurrence.SEEN);
                }
            }
            case Ref r -> {
                term(r.head());
                r.path().forEach(this::term);
            }
            case ArrayTerm a -> a.items().forEach(this::term);
            case SetTerm s -> s.items().forEach(this::term);
            case ObjectTerm o -> o.entries().forEach(e -> {
                term(e.key());
                term(e.value());
            });
            case Call c -> c.args().forEach(this::term);
            // a comprehension's body declares what its head then reads
            case ArrayCompr c -> closure(c.body(), c.head());
            case SetCompr c -> closure(c.body(), c.head());
            case ObjectCompr c -> closure(c.body(), c.key(), c.value());
            default -> {
            }
        }
    }

    private void closure(Body body, Term... head) {
        scopes.push(new HashMap<>());
        body(body);
        for (Term h : head) {
            term(h);
        }
        scopes.pop();
    }
}
