package dev.arca.rego.eval;

import dev.arca.rego.builtin.Builtins;
import dev.arca.rego.builtin.ResultTypes;
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
import dev.arca.rego.syntax.Term.Var;
import dev.arca.rego.value.StringValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compile-time checks OPA reports as {@code rego_type_error} that policies meet: a call of a function that neither
 * the policy nor the built-ins define, a call with the wrong number of arguments (one more is an output argument), a
 * built-in given an argument whose type is known at compile time and is not one the built-in accepts, and a
 * reference into a local object whose keys are known ({@code x := {"a": 1}; x.b}).
 *
 * <p>Types are inferred conservatively, in the safe order of each body: constants, composite literals and
 * comprehensions; local variables assigned ({@code :=}, {@code =}) or output by such terms or by built-ins of one
 * certain result type; the values of complete rules and functions whose every definition has the same type. Anything
 * else — {@code input}, {@code data} documents, rules a {@code with} may replace, mixed definitions — is {@code any},
 * and nothing is reported about it: its type is checked when the call runs, as before.
 */
final class TypeChecker {
    /** A static type: a type name ({@code null}: any) and, for object literals with constant keys, their types. */
    private record Type(String name, Map<String, Type> keys) {
        static final Type ANY = new Type(null, null);

        static Type of(String name) {
            return name == null ? ANY : new Type(name, null);
        }
    }

    private static final int MAX_RULE_DEPTH = 64;

    private final RuleNode root;
    private final Builtins builtins;
    /** What some {@code with} replaces: the types of those rules and functions are not relied on. */
    private final WithTargets replaced = new WithTargets();
    private final Map<RuleNode, Type> ruleTypes = new HashMap<>();
    private final Set<RuleNode> inProgress = new HashSet<>();

    TypeChecker(RuleNode root, Builtins builtins) {
        this.root = root;
        this.builtins = builtins;
        replaced.collect(root);
    }

    void check(Rule rule) {
        var env = new HashMap<String, Type>();
        rule.ref().forEach(t -> term(t, env));
        rule.args().forEach(t -> term(t, env));
        for (Rule.Clause c : rule.clauses()) {
            var clauseEnv = new HashMap<String, Type>();
            body(c.body(), clauseEnv);
            if (c.value() != null) {
                term(c.value(), clauseEnv);
            }
            if (rule.key() != null) {
                term(rule.key(), clauseEnv);
            }
        }
    }

    /** A query's body (with targets of the query count as replacements too). */
    void query(Body body) {
        replaced.collect(body);
        body(body, new HashMap<>());
    }

    private void body(Body body, Map<String, Type> env) {
        for (Literal l : body.literals()) {
            switch (l.expr()) {
                case Expr.TermExpr t -> {
                    term(t.term(), env);
                    if (!l.negated() && t.term() instanceof Call c) {
                        bindOutput(c, env);
                    }
                }
                case Expr.Unify u -> {
                    term(u.left(), env);
                    term(u.right(), env);
                    if (!l.negated()) {
                        bindEquality(u.left(), u.right(), env, false);
                        bindEquality(u.right(), u.left(), env, false);
                    }
                }
                case Expr.Assign a -> {
                    term(a.left(), env);
                    term(a.right(), env);
                    bindEquality(a.left(), a.right(), env, true);
                }
                case Expr.SomeIn s -> {
                    term(s.collection(), env);
                    if (s.key() != null) {
                        forget(s.key(), env);
                    }
                    forget(s.value(), env);
                }
                case Expr.SomeDecl s -> s.vars().forEach(v -> env.remove(v.name()));
                case Expr.Every e -> {
                    term(e.domain(), env);
                    var inner = new HashMap<>(env);
                    if (e.key() != null) {
                        inner.remove(e.key().name());
                    }
                    inner.remove(e.value().name());
                    body(e.body(), inner);
                }
                case Expr.Block b -> body(b.body(), new HashMap<>(env));
            }
            for (Literal.With w : l.withs()) {
                term(w.value(), env);
            }
        }
    }

    /** {@code x := term} (or {@code x = term} for a variable not typed yet) gives x the term's type. */
    private void bindEquality(Term target, Term value, Map<String, Type> env, boolean declares) {
        if (target instanceof Var v && !v.isWildcard() && !Vars.isRoot(v.name())) {
            if (declares || !env.containsKey(v.name())) {
                Type t = typeOf(value, env);
                if (t.name() != null) {
                    env.put(v.name(), t);
                } else if (declares) {
                    env.remove(v.name());
                }
            }
        } else if (declares) {
            forget(target, env);
        }
    }

    private void bindOutput(Call c, Map<String, Type> env) {
        Builtins.Entry b = c.operator().startsWith("data.") ? null : builtins.get(c.operator());
        if (b != null && b.arity() >= 0 && c.args().size() == b.arity() + 1
                && c.args().get(b.arity()) instanceof Var v && !v.isWildcard() && !env.containsKey(v.name())) {
            Type t = replaced.functions().contains(c.operator()) ? Type.ANY : Type.of(ResultTypes.of(c.operator()));
            if (t.name() != null) {
                env.put(v.name(), t);
            }
        }
    }

    private static void forget(Term pattern, Map<String, Type> env) {
        var names = new HashSet<String>();
        Vars.of(pattern, names);
        names.forEach(env::remove);
    }

    private void term(Term t, Map<String, Type> env) {
        switch (t) {
            case Call c -> {
                c.args().forEach(a -> term(a, env));
                call(c, env);
            }
            case Ref r -> {
                term(r.head(), env);
                r.path().forEach(p -> term(p, env));
                ref(r, env);
            }
            case ArrayTerm a -> a.items().forEach(i -> term(i, env));
            case SetTerm s -> s.items().forEach(i -> term(i, env));
            case ObjectTerm o -> o.entries().forEach(e -> {
                term(e.key(), env);
                term(e.value(), env);
            });
            case ArrayCompr a -> {
                var inner = new HashMap<>(env);
                body(a.body(), inner);
                term(a.head(), inner);
            }
            case SetCompr s -> {
                var inner = new HashMap<>(env);
                body(s.body(), inner);
                term(s.head(), inner);
            }
            case ObjectCompr o -> {
                var inner = new HashMap<>(env);
                body(o.body(), inner);
                term(o.key(), inner);
                term(o.value(), inner);
            }
            default -> {
            }
        }
    }

    /** A constant key into a local object literal's known keys must be one of them. */
    private void ref(Ref r, Map<String, Type> env) {
        if (!(r.head() instanceof Var v) || Vars.isRoot(v.name())) {
            return;
        }
        Type cur = env.getOrDefault(v.name(), Type.ANY);
        var shown = new StringBuilder(v.name());
        for (Term p : r.path()) {
            if (cur.keys() == null || !(p instanceof Scalar s && s.value() instanceof StringValue key)) {
                return;
            }
            shown.append('.').append(key.value());
            Type next = cur.keys().get(key.value());
            if (next == null) {
                throw new RegoCompileException("rego_type_error", r.at(), "undefined ref: " + shown);
            }
            cur = next;
        }
    }

    private void call(Call c, Map<String, Type> env) {
        String name = c.operator();
        int arity;
        if (name.startsWith("data.")) {
            RuleNode node = node(name);
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
            String have = typeOf(c.args().get(i), env).name();
            Set<String> want = types.get(i);
            if (have != null && !want.contains("any") && !want.contains(have)) {
                throw new RegoCompileException("rego_type_error", c.args().get(i).at(), name
                        + ": invalid argument(s): operand " + (i + 1) + " must be " + describe(want) + " but got " + have);
            }
        }
    }

    // ---- inference ----

    private Type typeOf(Term t, Map<String, Type> env) {
        return switch (t) {
            case Scalar s -> Type.of(s.value().typeName());
            case ArrayTerm a -> Type.of("array");
            case ArrayCompr a -> Type.of("array");
            case SetTerm s -> Type.of("set");
            case SetCompr s -> Type.of("set");
            case ObjectCompr o -> Type.of("object");
            case ObjectTerm o -> {
                var keys = new LinkedHashMap<String, Type>();
                for (Term.Entry e : o.entries()) {
                    if (!(e.key() instanceof Scalar s && s.value() instanceof StringValue k)) {
                        yield Type.of("object");
                    }
                    keys.put(k.value(), typeOf(e.value(), env));
                }
                yield new Type("object", Map.copyOf(keys));
            }
            case Var v -> env.getOrDefault(v.name(), Type.ANY);
            case Call c -> {
                if (c.operator().startsWith("data.")) {
                    RuleNode node = node(c.operator());
                    yield node != null && node.isFunction() && !replaced.functions().contains(c.operator())
                            && c.args().size() == arity(node) ? ruleType(node) : Type.ANY;
                }
                // one extra argument is an output: the call itself is then a boolean test
                Builtins.Entry b = builtins.get(c.operator());
                yield b != null && b.arity() >= 0 && c.args().size() == b.arity()
                        && !replaced.functions().contains(c.operator()) ? Type.of(ResultTypes.of(c.operator())) : Type.ANY;
            }
            case Ref r -> refType(r, env);
        };
    }

    private Type refType(Ref r, Map<String, Type> env) {
        if (r.head() instanceof Var v && v.name().equals("data")) {
            var path = new ArrayList<String>();
            for (Term p : r.path()) {
                if (!(p instanceof Scalar s && s.value() instanceof StringValue sv)) {
                    return Type.ANY;
                }
                path.add(sv.value());
            }
            RuleNode node = root;
            for (String p : path) {
                node = node == null ? null : node.children.get(p);
            }
            return node != null && node.hasRules() && !node.isFunction() ? ruleType(node) : Type.ANY;
        }
        if (r.head() instanceof Var v && !Vars.isRoot(v.name())) {
            Type cur = env.getOrDefault(v.name(), Type.ANY);
            for (Term p : r.path()) {
                if (cur.keys() == null || !(p instanceof Scalar s && s.value() instanceof StringValue key)) {
                    return Type.ANY;
                }
                cur = cur.keys().getOrDefault(key.value(), Type.ANY);
            }
            return cur;
        }
        return Type.ANY;
    }

    /** The type every definition of a rule (or function) gives, or any when they differ or cannot be known. */
    private Type ruleType(RuleNode node) {
        Type known = ruleTypes.get(node);
        if (known != null) {
            return known;
        }
        // a long chain of rules referring to each other is left untyped rather than followed down the stack
        if (inProgress.size() >= MAX_RULE_DEPTH || !inProgress.add(node) || replaced.covers(node)) {
            return Type.ANY;
        }
        Type result;
        try {
            result = computeRuleType(node);
        } finally {
            inProgress.remove(node);
        }
        ruleTypes.put(node, result);
        return result;
    }

    private Type computeRuleType(RuleNode node) {
        var all = new ArrayList<RuleNode.Placed>(node.rules);
        if (node.defaultRule != null) {
            all.add(node.defaultRule);
        }
        if (!node.children.isEmpty() && !node.isFunction()) {
            return Type.ANY;
        }
        String name = null;
        for (RuleNode.Placed p : all) {
            Rule r = p.rule();
            String t;
            if (r.kind() == Rule.Kind.MULTI && p.tail().isEmpty()) {
                t = "set";
            } else if (!p.tail().isEmpty()) {
                t = "object";
            } else {
                t = null;
                for (Rule.Clause c : r.clauses()) {
                    var env = new HashMap<String, Type>();
                    inferOnly(c.body(), env);
                    String ct = typeOf(c.value(), env).name();
                    if (ct == null || (t != null && !t.equals(ct))) {
                        return Type.ANY;
                    }
                    t = ct;
                }
            }
            if (t == null || (name != null && !name.equals(t))) {
                return Type.ANY;
            }
            name = t;
        }
        return Type.of(name);
    }

    /** The types a body gives its variables, without reporting (the rule is checked on its own). */
    private void inferOnly(Body body, Map<String, Type> env) {
        for (Literal l : body.literals()) {
            if (l.negated()) {
                continue;
            }
            switch (l.expr()) {
                case Expr.TermExpr t -> {
                    if (t.term() instanceof Call c) {
                        bindOutput(c, env);
                    }
                }
                case Expr.Unify u -> {
                    bindEquality(u.left(), u.right(), env, false);
                    bindEquality(u.right(), u.left(), env, false);
                }
                case Expr.Assign a -> bindEquality(a.left(), a.right(), env, true);
                case Expr.SomeIn s -> {
                    if (s.key() != null) {
                        forget(s.key(), env);
                    }
                    forget(s.value(), env);
                }
                case Expr.SomeDecl s -> s.vars().forEach(v -> env.remove(v.name()));
                default -> {
                }
            }
        }
    }

    private static int arity(RuleNode node) {
        return (node.defaultRule != null ? node.defaultRule : node.rules.get(0)).rule().args().size();
    }

    private RuleNode node(String dotted) {
        RuleNode node = root;
        for (String p : dotted.substring(5).split("\\.")) {
            node = node == null ? null : node.children.get(p);
        }
        return node;
    }

    private static String describe(Set<String> want) {
        return want.size() == 1 ? want.iterator().next() : "one of " + new java.util.TreeSet<>(want);
    }
}
