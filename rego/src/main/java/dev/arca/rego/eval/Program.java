package dev.arca.rego.eval;

import dev.arca.rego.builtin.Builtins;
import dev.arca.rego.syntax.Body;
import dev.arca.rego.syntax.Module;
import dev.arca.rego.syntax.Parser;
import dev.arca.rego.syntax.Rule;
import dev.arca.rego.syntax.Term;
import dev.arca.rego.value.StringValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiled modules: names resolved, rules placed in the tree of virtual documents under {@code data}. Immutable and
 * shared by concurrent evaluations.
 */
public final class Program {
    final RuleNode root = new RuleNode(List.of());
    final Builtins builtins;

    private Program(Builtins builtins) {
        this.builtins = builtins;
    }

    /** Compiles parsed modules; throws {@link RegoCompileException} on conflicts OPA reports at compile time. */
    public static Program compile(List<Module> modules, Builtins builtins) {
        var program = new Program(builtins);
        var order = new SafetyOrder(builtins);
        var placed = new ArrayList<Rule>();
        for (Module m : modules) {
            var resolver = new Resolver(m, builtins::contains);
            for (Rule raw : m.rules()) {
                Rule rule = ordered(resolver.resolve(raw), order);
                program.place(m, rule);
                placed.add(rule);
            }
        }
        program.check(program.root);
        // after every rule is placed: a call may name a function of another module
        var types = new TypeChecker(program.root, builtins);
        placed.forEach(types::check);
        return program;
    }

    /** Parses and resolves a query against this program. */
    public Body query(String text) {
        Body body = Parser.query(text);
        var resolver = new Resolver(new Module(List.of(), List.of(), List.of()), builtins::contains);
        Body resolved = resolver.resolveQuery(body);
        new TypeChecker(root, builtins).body(resolved);
        return new SafetyOrder(builtins).order(resolved, java.util.Set.of());
    }

    /** The rule with its bodies in a safe order; a function's arguments are bound on entry. */
    private static Rule ordered(Rule rule, SafetyOrder order) {
        var bound = new java.util.HashSet<String>();
        rule.args().forEach(a -> argumentVars(a, bound));
        var clauses = rule.clauses().stream()
                .map(c -> new Rule.Clause(c.value(), order.order(c.body(), bound))).toList();
        return new Rule(rule.kind(), rule.isDefault(), rule.ref(), rule.args(), rule.key(), clauses, rule.at());
    }

    private static void argumentVars(Term t, java.util.Set<String> out) {
        switch (t) {
            case Term.Var v -> out.add(v.name());
            case Term.ArrayTerm a -> a.items().forEach(i -> argumentVars(i, out));
            case Term.ObjectTerm o -> o.entries().forEach(e -> argumentVars(e.value(), out));
            default -> {
            }
        }
    }

    private void place(Module m, Rule rule) {
        RuleNode node = root;
        for (String p : m.packagePath()) {
            node = node.child(p);
        }
        List<Term> ref = rule.ref();
        int i = 0;
        while (i < ref.size() && ref.get(i) instanceof Term.Scalar s && s.value() instanceof StringValue sv) {
            node = node.child(sv.value());
            i++;
        }
        if (i == 0) {
            throw new RegoCompileException("rego_parse_error", rule.at(), "rule head must start with a name");
        }
        var tail = List.copyOf(ref.subList(i, ref.size()));
        if (rule.kind() == Rule.Kind.SINGLE && tail.isEmpty() == false && rule.isDefault()) {
            throw new RegoCompileException("rego_type_error", rule.at(), "default rules must have a ground reference");
        }
        var placed = new RuleNode.Placed(rule, tail);
        if (rule.isDefault()) {
            if (node.defaultRule != null) {
                throw new RegoCompileException("rego_type_error", rule.at(),
                        "multiple default rules " + String.join(".", node.path) + " found");
            }
            node.defaultRule = placed;
        } else {
            node.rules.add(placed);
        }
    }

    private void check(RuleNode node) {
        var all = new ArrayList<RuleNode.Placed>(node.rules);
        if (node.defaultRule != null) {
            all.add(node.defaultRule);
        }
        if (!all.isEmpty()) {
            Rule first = all.get(0).rule();
            for (RuleNode.Placed p : all) {
                Rule r = p.rule();
                boolean firstFn = first.kind() == Rule.Kind.FUNCTION;
                boolean fn = r.kind() == Rule.Kind.FUNCTION;
                if (fn != firstFn || (fn && r.args().size() != first.args().size())) {
                    throw new RegoCompileException("rego_type_error", r.at(),
                            "conflicting rules " + String.join(".", node.path) + " found");
                }
                if (!fn && r.kind() != first.kind() && p.tail().isEmpty() && all.get(0).tail().isEmpty()) {
                    throw new RegoCompileException("rego_type_error", r.at(),
                            "conflicting rules " + String.join(".", node.path) + " found");
                }
            }
            if (!node.children.isEmpty() && all.stream().allMatch(p -> p.tail().isEmpty())) {
                throw new RegoCompileException("rego_type_error", all.get(0).rule().at(),
                        "rule " + String.join(".", node.path) + " conflicts with rules below it");
            }
        }
        node.children.values().forEach(this::check);
    }
}
