package dev.arca.rvps.extractor.intoto;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Applies one step's artifact rules to its link (in-toto spec §4.3.3.1): the rules run in order over a queue of the
 * link's materials (or products); a rule consumes the artifacts it authorises, which later rules then no longer see;
 * only DISALLOW (matching a queued artifact) and REQUIRE (matching none) fail; the end of the list is an implicit
 * {@code ALLOW *}.
 */
final class ArtifactRuleVerifier {

    private ArtifactRuleVerifier() {
    }

    /**
     * @param products    true to check the link's products with {@code expected_products}, false its materials with
     *                    {@code expected_materials}
     * @param linksByStep the verified link of every step, for MATCH
     * @throws InTotoRefusedException naming the step and the rule that failed
     */
    static void verify(Layout.Step step, boolean products, Link link, Map<String, Link> linksByStep) {
        List<ArtifactRule> rules = products ? step.expectedProducts() : step.expectedMaterials();
        Map<String, Map<String, String>> artifacts = products ? link.products() : link.materials();
        Set<String> queue = new LinkedHashSet<>(artifacts.keySet());
        for (ArtifactRule rule : rules) {
            Set<String> consumed = switch (rule) {
                case ArtifactRule.Match match -> match(match, queue, artifacts, linksByStep);
                case ArtifactRule.Create create ->
                        matching(create.pattern(), queue, path -> link.products().containsKey(path)
                                && !link.materials().containsKey(path));
                case ArtifactRule.Delete delete ->
                        matching(delete.pattern(), queue, path -> link.materials().containsKey(path)
                                && !link.products().containsKey(path));
                case ArtifactRule.Modify modify ->
                        matching(modify.pattern(), queue, path -> link.materials().containsKey(path)
                                && link.products().containsKey(path)
                                && !link.materials().get(path).equals(link.products().get(path)));
                case ArtifactRule.Allow allow -> matching(allow.pattern(), queue, path -> true);
                case ArtifactRule.Disallow disallow -> {
                    Set<String> forbidden = matching(disallow.pattern(), queue, path -> true);
                    if (!forbidden.isEmpty()) {
                        throw failure(step, products, rule, new TreeSet<>(forbidden)
                                + " not authorised by an earlier rule");
                    }
                    yield Set.of();
                }
                case ArtifactRule.Require require -> {
                    if (matching(require.pattern(), queue, path -> true).isEmpty()) {
                        throw failure(step, products, rule, "no " + (products ? "product" : "material")
                                + " matches " + require.pattern());
                    }
                    yield Set.of();
                }
            };
            queue.removeAll(consumed);
        }
    }

    /**
     * §4.3.3.2: a queued artifact under the source prefix, matching the pattern, is consumed when the named step's
     * link has the artifact at the same relative path under the destination prefix with the same hashes. A step
     * without a link (e.g. an inspection) matches nothing.
     */
    private static Set<String> match(ArtifactRule.Match rule, Set<String> queue,
                                     Map<String, Map<String, String>> artifacts, Map<String, Link> linksByStep) {
        Link destination = linksByStep.get(rule.step());
        if (destination == null) {
            return Set.of();
        }
        Map<String, Map<String, String>> destinationArtifacts =
                rule.destinationProducts() ? destination.products() : destination.materials();
        Set<String> consumed = new LinkedHashSet<>();
        for (String path : queue) {
            String relative = relativeTo(rule.sourcePrefix(), path);
            if (relative == null || !rule.pattern().matches(relative)) {
                continue;
            }
            String destinationPath = rule.destinationPrefix().isEmpty()
                    ? relative : rule.destinationPrefix() + "/" + relative;
            Map<String, String> destinationHashes = destinationArtifacts.get(destinationPath);
            if (destinationHashes != null && destinationHashes.equals(artifacts.get(path))) {
                consumed.add(path);
            }
        }
        return consumed;
    }

    private static String relativeTo(String prefix, String path) {
        if (prefix.isEmpty()) {
            return path;
        }
        return path.startsWith(prefix + "/") ? path.substring(prefix.length() + 1) : null;
    }

    private static Set<String> matching(PathPattern pattern, Set<String> queue,
                                        Predicate<String> condition) {
        Set<String> matched = new LinkedHashSet<>();
        for (String path : queue) {
            if (pattern.matches(path) && condition.test(path)) {
                matched.add(path);
            }
        }
        return matched;
    }

    private static InTotoRefusedException failure(Layout.Step step, boolean products, ArtifactRule rule,
                                                  String detail) {
        return new InTotoRefusedException("step " + step.name() + ": " + (products ? "product" : "material")
                + " rule \"" + rule.text() + "\" failed: " + detail);
    }
}
