package dev.arca.rego.eval;

import dev.arca.rego.builtin.Builtins;
import dev.arca.rego.syntax.Body;
import dev.arca.rego.syntax.Module;
import dev.arca.rego.syntax.Parser;
import dev.arca.rego.syntax.Rule;
import dev.arca.rego.syntax.Term;
import dev.arca.rego.value.StringValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        // names first, then OPA's checks in the order of its compiler's stages: local declarations, conflicts, safety,
        // undefined functions and types
        var resolved = new ArrayList<Map.Entry<Module, Rule>>();
        var arities = new HashMap<String, Integer>();
        for (Module m : modules) {
            var resolver = new Resolver(m, builtins::contains);
            for (Rule raw : m.rules()) {
                Rule rule = resolver.resolve(raw);
                resolved.add(Map.entry(m, rule));
                if (rule.kind() == Rule.Kind.FUNCTION) {
                    arities.putIfAbsent(functionName(m, rule), rule.args().size());
                }
            }
        }
        resolved.forEach(e -> LocalDeclarations.check(e.getValue()));
        // conflicts between rules before safety, as OPA reports them; the rules are placed again once ordered
        var probe = new Program(builtins);
        resolved.forEach(e -> probe.place(e.getKey(), e.getValue()));
        probe.check(probe.root);
        var order = new SafetyOrder(builtins, arities::get);
        var placed = new ArrayList<Rule>();
        for (var e : resolved) {
            Rule rule = order.rule(e.getValue());
            program.place(e.getKey(), rule);
            placed.add(rule);
        }
        // after every rule is placed: a call may name a function of another module
        var types = new TypeChecker(program.root, builtins);
        placed.forEach(types::check);
        return program;
    }

    private static String functionName(Module m, Rule rule) {
        var name = new StringBuilder("data");
        m.packagePath().forEach(p -> name.append('.').append(p));
        for (Term t : rule.ref()) {
            if (t instanceof Term.Scalar s && s.value() instanceof StringValue sv) {
                name.append('.').append(sv.value());
            }
        }
        return name.toString();
    }

    /** Parses and resolves a query against this program. */
    public Body query(String text) {
        Body body = Parser.query(text);
        var resolver = new Resolver(new Module(List.of(), List.of(), List.of()), builtins::contains);
        Body resolved = resolver.resolveQuery(body);
        LocalDeclarations.checkQuery(resolved);
        Body ordered = new SafetyOrder(builtins, this::functionArity).query(resolved);
        new TypeChecker(root, builtins).query(ordered);
        return ordered;
    }

    private Integer functionArity(String name) {
        RuleNode node = root;
        for (String p : name.substring(5).split("\\.")) {
            node = node == null ? null : node.children.get(p);
        }
        if (node == null || !node.isFunction()) {
            return null;
        }
        return (node.defaultRule != null ? node.defaultRule : node.rules.get(0)).rule().args().size();
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
                // OPA names the document and points at the first definition
                throw new RegoCompileException("rego_type_error", node.defaultRule.rule().at(),
                        "multiple default rules " + dataPath(node.path) + " found");
            }
            node.defaultRule = placed;
        } else {
            node.rules.add(placed);
        }
    }

    private static String dataPath(List<String> path) {
        return path.isEmpty() ? "data" : "data." + String.join(".", path);
    }

    private static void rulesBelow(RuleNode node, List<String> out) {
        if (node.hasRules()) {
            out.add(dataPath(node.path));
        }
        node.children.values().forEach(c -> rulesBelow(c, out));
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
                // reported at the first definition, as OPA reports it
                if (fn != firstFn || (fn && r.args().size() != first.args().size())) {
                    throw new RegoCompileException("rego_type_error", first.at(),
                            "conflicting rules " + dataPath(node.path) + " found");
                }
                if (!fn && r.kind() != first.kind() && p.tail().isEmpty() && all.get(0).tail().isEmpty()) {
                    throw new RegoCompileException("rego_type_error", first.at(),
                            "conflicting rules " + dataPath(node.path) + " found");
                }
            }
            if (!node.children.isEmpty() && all.stream().allMatch(p -> p.tail().isEmpty())) {
                var below = new ArrayList<String>();
                node.children.values().forEach(c -> rulesBelow(c, below));
                throw new RegoCompileException("rego_type_error", all.get(0).rule().at(),
                        "rule " + dataPath(node.path) + " conflicts with " + below);
            }
        }
        node.children.values().forEach(this::check);
    }
}
