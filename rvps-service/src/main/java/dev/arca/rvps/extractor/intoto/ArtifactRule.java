package dev.arca.rvps.extractor.intoto;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * One artifact rule of a step's {@code expected_materials} or {@code expected_products} (in-toto spec §4.3.3):
 * <pre>
 * MATCH &lt;pattern&gt; [IN &lt;source-path-prefix&gt;] WITH (MATERIALS|PRODUCTS) [IN &lt;destination-path-prefix&gt;] FROM &lt;step&gt;
 * CREATE | DELETE | MODIFY | ALLOW | REQUIRE | DISALLOW &lt;pattern&gt;
 * </pre>
 * Keywords are case-insensitive (as the reference implementation reads them); patterns, prefixes and step names are
 * not.
 */
sealed interface ArtifactRule {

    /** The rule as the layout spells it, for messages. */
    String text();

    record Match(String text, PathPattern pattern, String sourcePrefix, boolean destinationProducts,
                 String destinationPrefix, String step) implements ArtifactRule {
    }

    record Create(String text, PathPattern pattern) implements ArtifactRule {
    }

    record Delete(String text, PathPattern pattern) implements ArtifactRule {
    }

    record Modify(String text, PathPattern pattern) implements ArtifactRule {
    }

    record Allow(String text, PathPattern pattern) implements ArtifactRule {
    }

    record Disallow(String text, PathPattern pattern) implements ArtifactRule {
    }

    record Require(String text, PathPattern pattern) implements ArtifactRule {
    }

    /**
     * @param where how to name the rule list in errors, e.g. "step package expected_products"
     */
    static List<ArtifactRule> parseList(JsonNode rules, String where) {
        if (rules == null || rules.isNull() || rules.isMissingNode()) {
            return List.of();
        }
        if (!rules.isArray()) {
            throw new InTotoRefusedException(where + " must be an array of rules");
        }
        List<ArtifactRule> parsed = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            parsed.add(parse(rules.get(i), where + " rule " + i));
        }
        return List.copyOf(parsed);
    }

    static ArtifactRule parse(JsonNode rule, String where) {
        if (!rule.isArray() || rule.isEmpty()) {
            throw new InTotoRefusedException(where + " must be a non-empty array of strings");
        }
        List<String> words = new ArrayList<>();
        for (JsonNode word : rule) {
            if (!word.isString()) {
                throw new InTotoRefusedException(where + " must be a non-empty array of strings");
            }
            words.add(word.stringValue());
        }
        String text = String.join(" ", words);
        String keyword = words.getFirst().toUpperCase(Locale.ROOT);
        if (!keyword.equals("MATCH")) {
            if (words.size() != 2) {
                throw new InTotoRefusedException(where + " (" + text + ") must be [\"" + keyword
                        + "\", <pattern>]");
            }
            PathPattern pattern = PathPattern.of(words.get(1));
            return switch (keyword) {
                case "CREATE" -> new Create(text, pattern);
                case "DELETE" -> new Delete(text, pattern);
                case "MODIFY" -> new Modify(text, pattern);
                case "ALLOW" -> new Allow(text, pattern);
                case "DISALLOW" -> new Disallow(text, pattern);
                case "REQUIRE" -> new Require(text, pattern);
                default -> throw new InTotoRefusedException(where + " has the unknown rule type " + words.getFirst()
                        + "; known: MATCH, CREATE, DELETE, MODIFY, ALLOW, DISALLOW, REQUIRE");
            };
        }
        return parseMatch(words, text, where);
    }

    private static Match parseMatch(List<String> words, String text, String where) {
        // MATCH pattern [IN src] WITH (MATERIALS|PRODUCTS) [IN dst] FROM step
        String usage = where + " (" + text + ") must read MATCH <pattern> [IN <source-path-prefix>] WITH"
                + " (MATERIALS|PRODUCTS) [IN <destination-path-prefix>] FROM <step>";
        if (words.size() < 6) {
            throw new InTotoRefusedException(usage);
        }
        int i = 2;
        String sourcePrefix = "";
        if (is(words, i, "IN")) {
            sourcePrefix = words.get(i + 1);
            i += 2;
        }
        if (!is(words, i, "WITH") || i + 1 >= words.size()) {
            throw new InTotoRefusedException(usage);
        }
        String destinationType = words.get(i + 1).toUpperCase(Locale.ROOT);
        if (!destinationType.equals("MATERIALS") && !destinationType.equals("PRODUCTS")) {
            throw new InTotoRefusedException(usage);
        }
        i += 2;
        String destinationPrefix = "";
        if (is(words, i, "IN")) {
            destinationPrefix = words.get(i + 1);
            i += 2;
        }
        if (!is(words, i, "FROM") || i + 2 != words.size()) {
            throw new InTotoRefusedException(usage);
        }
        return new Match(text, PathPattern.of(words.get(1)), trimSlashes(sourcePrefix),
                destinationType.equals("PRODUCTS"), trimSlashes(destinationPrefix), words.get(i + 1));
    }

    private static boolean is(List<String> words, int index, String keyword) {
        return index + 1 < words.size() && words.get(index).equalsIgnoreCase(keyword);
    }

    /** "lib/" and "lib" name the same prefix directory. */
    private static String trimSlashes(String prefix) {
        String trimmed = prefix;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
