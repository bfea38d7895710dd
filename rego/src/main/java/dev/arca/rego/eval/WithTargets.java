package dev.arca.rego.eval;

import dev.arca.rego.syntax.Body;
import dev.arca.rego.syntax.Expr;
import dev.arca.rego.syntax.Literal;
import dev.arca.rego.syntax.Term;
import dev.arca.rego.syntax.Term.ArrayCompr;
import dev.arca.rego.syntax.Term.ObjectCompr;
import dev.arca.rego.syntax.Term.Ref;
import dev.arca.rego.syntax.Term.Scalar;
import dev.arca.rego.syntax.Term.SetCompr;
import dev.arca.rego.syntax.Term.Var;
import dev.arca.rego.value.StringValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the {@code with} modifiers of a policy (and query) replace: documents below {@code data} by path, and
 * functions and built-ins by name. The type checker does not rely on the types of what they replace.
 */
final class WithTargets {
    private final Set<List<String>> data = new HashSet<>();
    private final Set<String> functions = new HashSet<>();

    Set<String> functions() {
        return functions;
    }

    /** Whether a with replaces the rule's document, a document above it or one inside it. */
    boolean covers(RuleNode node) {
        if (node.isFunction()) {
            return functions.contains("data." + String.join(".", node.path));
        }
        for (List<String> p : data) {
            int n = Math.min(p.size(), node.path.size());
            if (p.subList(0, n).equals(node.path.subList(0, n))) {
                return true;
            }
        }
        return false;
    }

    void collect(RuleNode node) {
        var all = new ArrayList<RuleNode.Placed>(node.rules);
        if (node.defaultRule != null) {
            all.add(node.defaultRule);
        }
        for (RuleNode.Placed p : all) {
            p.rule().clauses().forEach(c -> collect(c.body()));
        }
        node.children.values().forEach(this::collect);
    }

    void collect(Body body) {
        for (Literal l : body.literals()) {
            for (Literal.With w : l.withs()) {
                Term target = w.target();
                if (target instanceof Scalar s && s.value() instanceof StringValue name) {
                    functions.add(name.value());
                } else if (target instanceof Var v && v.name().equals("data")) {
                    data.add(List.of());
                } else if (target instanceof Ref r && r.head() instanceof Var v && v.name().equals("data")) {
                    var path = new ArrayList<String>();
                    for (Term p : r.path()) {
                        if (!(p instanceof Scalar s && s.value() instanceof StringValue sv)) {
                            break;
                        }
                        path.add(sv.value());
                    }
                    data.add(List.copyOf(path));
                }
            }
            // withs inside closures and nested bodies count as well
            var nested = new ArrayList<Body>();
            switch (l.expr()) {
                case Expr.Every e -> nested.add(e.body());
                case Expr.Block b -> nested.add(b.body());
                default -> {
                }
            }
            nested.forEach(this::collect);
            closureBodies(l).forEach(this::collect);
        }
    }

    private static List<Body> closureBodies(Literal l) {
        List<Term> terms = Vars.terms(l);
        var out = new ArrayList<Body>();
        for (Term t : terms) {
            for (Term c : Vars.closures(t)) {
                switch (c) {
                    case ArrayCompr a -> out.add(a.body());
                    case SetCompr s -> out.add(s.body());
                    case ObjectCompr o -> out.add(o.body());
                    default -> {
                    }
                }
            }
        }
        return out;
    }
}
