package dev.arca.rego.eval;

import dev.arca.rego.syntax.Rule;
import dev.arca.rego.syntax.Term;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of the virtual document tree under {@code data}: the rules whose head's ground prefix ends here, and
 * child nodes by name. {@code tail} of a rule is the part of its head ref after this node (variables give keys).
 */
final class RuleNode {
    final List<String> path;
    final Map<String, RuleNode> children = new LinkedHashMap<>();
    final List<Placed> rules = new ArrayList<>();
    Placed defaultRule;

    record Placed(Rule rule, List<Term> tail) {
    }

    RuleNode(List<String> path) {
        this.path = List.copyOf(path);
    }

    RuleNode child(String name) {
        return children.computeIfAbsent(name, n -> {
            var p = new ArrayList<>(path);
            p.add(n);
            return new RuleNode(p);
        });
    }

    boolean hasRules() {
        return !rules.isEmpty() || defaultRule != null;
    }

    boolean isFunction() {
        Placed any = defaultRule != null ? defaultRule : rules.isEmpty() ? null : rules.get(0);
        return any != null && any.rule().kind() == Rule.Kind.FUNCTION;
    }
}
