package dev.arca.rego.eval;

import dev.arca.rego.builtin.Builtins;
import dev.arca.rego.builtin.Signatures;
import dev.arca.rego.syntax.Body;
import dev.arca.rego.syntax.Expr;
import dev.arca.rego.syntax.Literal;
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
import java.util.List;
import java.util.Set;

/**
 * The compile-time checks OPA reports as {@code rego_type_error} that policies meet: a call of a function that neither
 * the policy nor the built-ins define, a call with the wrong number of arguments (one more is an output argument), and
 * a built-in given an argument whose type is known at compile time (a constant or a composite literal) and is not one
 * the built-in accepts. Types that depend on data are checked when the call runs, as before.
 */
final class TypeChecker {
    private final RuleNode root;
    private final Builtins builtins;

    TypeChecker(RuleNode root, Builtins builtins) {
        this.root = root;
        this.builtins = builtins;
    }

    void check(Rule rule) {
        rule.ref().forEach(this::term);
        rule.args().forEach(this::term);
        if (rule.key() != null) {
            term(rule.key());
        }
        for (Rule.Clause c : rule.clauses()) {
            if (c.value() != null) {
                term(c.value());
            }
            body(c.body());
        }
    }

    void body(Body body) {
        for (Literal l : body.literals()) {
            switch (l.expr()) {
                case Expr.TermExpr t -> term(t.term());
                case Expr.Unify u -> {
                    term(u.left());
                    term(u.right());
                }
                case Expr.Assign a -> {
                    term(a.left());
                    term(a.right());
                }
                case Expr.SomeIn s -> {
                    if (s.key() != null) {
                        term(s.key());
                    }
                    term(s.value());
                    term(s.collection());
                }
                case Expr.SomeDecl s -> {
                }
                case Expr.Every e -> {
                    term(e.domain());
                    body(e.body());
                }
                case Expr.Block b -> body(b.body());
            }
            for (Literal.With w : l.withs()) {
                term(w.value());
            }
        }
    }

    private void term(Term t) {
        switch (t) {
            case Call c -> {
                call(c);
                c.args().forEach(this::term);
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
            case ArrayCompr a -> {
                term(a.head());
                body(a.body());
            }
            case SetCompr s -> {
                term(s.head());
                body(s.body());
            }
            case ObjectCompr o -> {
                term(o.key());
                term(o.value());
                body(o.body());
            }
            default -> {
            }
        }
    }

    private void call(Call c) {
        String name = c.operator();
        int arity;
        if (name.startsWith("data.")) {
            RuleNode node = root;
            for (String p : name.substring(5).split("\\.")) {
                node = node == null ? null : node.children.get(p);
            }
            if (node == null || !node.isFunction()) {
                if (node != null && node.hasRules() && c.args().isEmpty()) {
                    return;
                }
                throw new RegoCompileException("rego_type_error", c.at(), "undefined function " + name);
            }
            Rule first = node.defaultRule != null ? node.defaultRule.rule() : node.rules.get(0).rule();
            arity = first.args().size();
        } else {
            Builtins.Entry b = builtins.get(name);
            if (b == null) {
                throw new RegoCompileException("rego_type_error", c.at(), "undefined function " + name);
            }
            if (b.arity() < 0) {
                return;
            }
            arity = b.arity();
        }
        if (c.args().size() != arity && c.args().size() != arity + 1) {
            throw new RegoCompileException("rego_type_error", c.at(), name + ": arity mismatch (expected " + arity
                    + " arguments, got " + c.args().size() + ")");
        }
        List<Set<String>> types = name.startsWith("data.") ? null : Signatures.of(name);
        if (types == null) {
            return;
        }
        for (int i = 0; i < arity && i < types.size(); i++) {
            String have = knownType(c.args().get(i));
            Set<String> want = types.get(i);
            if (have != null && !want.contains("any") && !want.contains(have)) {
                throw new RegoCompileException("rego_type_error", c.args().get(i).at(), name
                        + ": invalid argument(s): operand " + (i + 1) + " must be " + describe(want) + " but got " + have);
            }
        }
    }

    /** The type of a term when it does not depend on evaluation: constants, composite literals, comprehensions. */
    private static String knownType(Term t) {
        return switch (t) {
            case Scalar s -> s.value().typeName();
            case ArrayTerm a -> "array";
            case ArrayCompr a -> "array";
            case SetTerm s -> "set";
            case SetCompr s -> "set";
            case ObjectTerm o -> "object";
            case ObjectCompr o -> "object";
            default -> null;
        };
    }

    private static String describe(Set<String> want) {
        return want.size() == 1 ? want.iterator().next() : "one of " + new java.util.TreeSet<>(want);
    }
}
