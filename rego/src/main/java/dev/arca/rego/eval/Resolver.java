package dev.arca.rego.eval;

import dev.arca.rego.syntax.Body;
import dev.arca.rego.syntax.Expr;
import dev.arca.rego.syntax.Literal;
import dev.arca.rego.syntax.Module;
import dev.arca.rego.syntax.Rule;
import dev.arca.rego.syntax.Term;
import dev.arca.rego.syntax.Term.ArrayCompr;
import dev.arca.rego.syntax.Term.ArrayTerm;
import dev.arca.rego.syntax.Term.Call;
import dev.arca.rego.syntax.Term.Entry;
import dev.arca.rego.syntax.Term.ObjectCompr;
import dev.arca.rego.syntax.Term.ObjectTerm;
import dev.arca.rego.syntax.Term.Ref;
import dev.arca.rego.syntax.Term.Scalar;
import dev.arca.rego.syntax.Term.SetCompr;
import dev.arca.rego.syntax.Term.SetTerm;
import dev.arca.rego.syntax.Term.Var;
import dev.arca.rego.value.StringValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Resolves the names of a module: a variable that names a rule of the package or an import becomes a reference into
 * {@code data}/{@code input}; a call's name becomes the full path of a function or stays a built-in's name. Variables
 * declared in the rule ({@code :=}, {@code some}, {@code every}, function arguments) shadow rule names.
 */
final class Resolver {
    private final Module module;
    private final Set<String> ruleNames = new HashSet<>();
    private final Map<String, List<String>> aliases = new HashMap<>();
    private final Predicate<String> isBuiltin;
    private Set<String> locals = Set.of();

    Resolver(Module module, Predicate<String> isBuiltin) {
        this.module = module;
        this.isBuiltin = isBuiltin;
        for (Rule r : module.rules()) {
            ruleNames.add(((StringValue) ((Scalar) r.ref().get(0)).value()).value());
        }
        for (Module.Import imp : module.imports()) {
            String root = imp.path().get(0);
            if (root.equals("future") || root.equals("rego")) {
                continue;
            }
            String alias = imp.alias() != null ? imp.alias() : imp.path().get(imp.path().size() - 1);
            aliases.put(alias, imp.path());
        }
    }

    /** The rule with every name resolved. */
    Rule resolve(Rule rule) {
        var declared = new HashSet<String>();
        rule.args().forEach(a -> collectVars(a, declared));
        for (Rule.Clause c : rule.clauses()) {
            collectDeclared(c.body(), declared);
        }
        locals = declared;
        // a ref head's variables (p[x]) are the body's, not rule names
        var ref = new ArrayList<Term>();
        ref.add(rule.ref().get(0));
        for (int i = 1; i < rule.ref().size(); i++) {
            ref.add(term(rule.ref().get(i)));
        }
        var clauses = new ArrayList<Rule.Clause>();
        for (Rule.Clause c : rule.clauses()) {
            clauses.add(new Rule.Clause(c.value() == null ? null : term(c.value()), body(c.body())));
        }
        var args = rule.args().stream().map(this::term).toList();
        Term key = rule.key() == null ? null : term(rule.key());
        return new Rule(rule.kind(), rule.isDefault(), ref, args, key, clauses, rule.at());
    }

    /** A query's names: only imports-free resolution (data/input roots and built-ins). */
    Body resolveQuery(Body body) {
        var declared = new HashSet<String>();
        collectDeclared(body, declared);
        locals = declared;
        return body(body);
    }

    private static void collectVars(Term t, Set<String> out) {
        switch (t) {
            case Var v -> out.add(v.name());
            case ArrayTerm a -> a.items().forEach(i -> collectVars(i, out));
            case ObjectTerm o -> o.entries().forEach(e -> collectVars(e.value(), out));
            case SetTerm s -> s.items().forEach(i -> collectVars(i, out));
            default -> {
            }
        }
    }

    private static void collectDeclared(Body body, Set<String> out) {
        for (Literal l : body.literals()) {
            switch (l.expr()) {
                case Expr.Assign a -> collectVars(a.left(), out);
                case Expr.SomeDecl s -> s.vars().forEach(v -> out.add(v.name()));
                case Expr.SomeIn s -> {
                    if (s.key() != null) {
                        collectVars(s.key(), out);
                    }
                    collectVars(s.value(), out);
                }
                case Expr.Every e -> {
                    if (e.key() != null) {
                        out.add(e.key().name());
                    }
                    out.add(e.value().name());
                    collectDeclared(e.body(), out);
                }
                case Expr.Block b -> collectDeclared(b.body(), out);
                default -> {
                }
            }
            collectNested(l.expr(), out);
        }
    }

    /** Comprehension bodies declare variables of their own scope; gathered conservatively with the rule's. */
    private static void collectNested(Expr e, Set<String> out) {
        switch (e) {
            case Expr.TermExpr t -> collectNested(t.term(), out);
            case Expr.Unify u -> {
                collectNested(u.left(), out);
                collectNested(u.right(), out);
            }
            case Expr.Assign a -> collectNested(a.right(), out);
            default -> {
            }
        }
    }

    private static void collectNested(Term t, Set<String> out) {
        switch (t) {
            case ArrayCompr c -> collectDeclared(c.body(), out);
            case SetCompr c -> collectDeclared(c.body(), out);
            case ObjectCompr c -> collectDeclared(c.body(), out);
            case Call c -> c.args().forEach(a -> collectNested(a, out));
            case ArrayTerm a -> a.items().forEach(i -> collectNested(i, out));
            case Ref r -> {
                collectNested(r.head(), out);
                r.path().forEach(p -> collectNested(p, out));
            }
            default -> {
            }
        }
    }

    private Body body(Body b) {
        return new Body(b.literals().stream().map(this::literal).toList());
    }

    private Literal literal(Literal l) {
        Expr e = switch (l.expr()) {
            case Expr.TermExpr t -> new Expr.TermExpr(term(t.term()));
            case Expr.Unify u -> new Expr.Unify(term(u.left()), term(u.right()));
            case Expr.Assign a -> new Expr.Assign(term(a.left()), term(a.right()));
            case Expr.SomeDecl s -> s;
            case Expr.SomeIn s -> new Expr.SomeIn(s.key() == null ? null : term(s.key()), term(s.value()),
                    term(s.collection()));
            case Expr.Every ev -> new Expr.Every(ev.key(), ev.value(), term(ev.domain()), body(ev.body()));
            case Expr.Block b -> new Expr.Block(body(b.body()));
        };
        var withs = l.withs().stream().map(w -> new Literal.With(withTarget(w.target()), term(w.value()))).toList();
        return new Literal(l.negated(), e, withs, l.at());
    }

    /** {@code with} targets keep input/data refs; a bare function name resolves like a call's name. */
    private Term withTarget(Term t) {
        if (t instanceof Var v && !v.name().equals("input") && !v.name().equals("data") && !aliases.containsKey(v.name())) {
            return new Scalar(new StringValue(callName(v.name(), v)), v.at());
        }
        if (t instanceof Ref r && r.head() instanceof Var v && !v.name().equals("input") && !v.name().equals("data")
                && !aliases.containsKey(v.name()) && r.path().stream().allMatch(p -> p instanceof Scalar)) {
            var name = new StringBuilder(v.name());
            r.path().forEach(p -> name.append('.').append(((StringValue) ((Scalar) p).value()).value()));
            return new Scalar(new StringValue(callName(name.toString(), v)), v.at());
        }
        return term(t);
    }

    Term term(Term t) {
        return switch (t) {
            case Scalar s -> s;
            case Var v -> variable(v);
            case Ref r -> {
                Term head = term(r.head());
                var path = r.path().stream().map(this::term).toList();
                if (head instanceof Ref hr) {
                    var all = new ArrayList<>(hr.path());
                    all.addAll(path);
                    yield new Ref(hr.head(), List.copyOf(all), r.at());
                }
                yield new Ref(head, path, r.at());
            }
            case ArrayTerm a -> new ArrayTerm(a.items().stream().map(this::term).toList(), a.at());
            case SetTerm s -> new SetTerm(s.items().stream().map(this::term).toList(), s.at());
            case ObjectTerm o -> new ObjectTerm(
                    o.entries().stream().map(e -> new Entry(term(e.key()), term(e.value()))).toList(), o.at());
            case Call c -> new Call(callName(c.operator(), c), c.args().stream().map(this::term).toList(), c.at());
            case ArrayCompr c -> new ArrayCompr(term(c.head()), body(c.body()), c.at());
            case SetCompr c -> new SetCompr(term(c.head()), body(c.body()), c.at());
            case ObjectCompr c -> new ObjectCompr(term(c.key()), term(c.value()), body(c.body()), c.at());
        };
    }

    private Term variable(Var v) {
        String name = v.name();
        if (locals.contains(name) || name.equals("input") || name.equals("data") || v.isWildcard()) {
            return v;
        }
        List<String> alias = aliases.get(name);
        if (alias != null) {
            return pathRef(alias, v);
        }
        if (ruleNames.contains(name)) {
            var path = new ArrayList<String>();
            path.add("data");
            path.addAll(module.packagePath());
            path.add(name);
            return pathRef(path, v);
        }
        return v;
    }

    private static Term pathRef(List<String> path, Term at) {
        var root = new Var(path.get(0), at.at());
        if (path.size() == 1) {
            return root;
        }
        var rest = path.subList(1, path.size()).stream()
                .map(s -> (Term) new Scalar(new StringValue(s), at.at())).toList();
        return new Ref(root, rest, at.at());
    }

    private String callName(String name, Term at) {
        String[] parts = name.split("\\.");
        String first = parts[0];
        String rest = name.substring(first.length());
        if (first.equals("data")) {
            return name;
        }
        List<String> alias = aliases.get(first);
        if (alias != null && alias.get(0).equals("data")) {
            return String.join(".", alias) + rest;
        }
        if (ruleNames.contains(first)) {
            return "data." + String.join(".", module.packagePath()) + "." + name;
        }
        if (isBuiltin.test(name)) {
            return name;
        }
        throw new RegoCompileException("rego_type_error", at.at(), "undefined function " + name);
    }
}
