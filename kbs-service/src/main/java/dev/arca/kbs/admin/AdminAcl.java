package dev.arca.kbs.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which admin role may call what: per role, rules {@code "METHOD /path-regex"} from {@code arca.admin.acl.<role>}.
 * METHOD is GET, POST, PUT, DELETE or {@code *}; the regular expression must match the whole request path (it is
 * anchored for you, and the query string is never part of what it sees — unlike upstream's URI-with-query matching,
 * Trustee KBS admin.md). The superuser role ({@code arca.admin.required-role}) may call everything unless the ACL lists
 * rules for it. A role without rules may call nothing.
 */
public final class AdminAcl {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "*");

    /** One parsed rule. */
    record Rule(String method, Pattern path, String text) {

        boolean matches(String requestMethod, String requestPath) {
            return ("*".equals(method) || method.equals(requestMethod)) && path.matcher(requestPath).matches();
        }
    }

    private final Map<String, List<Rule>> rules;

    private AdminAcl(Map<String, List<Rule>> rules) {
        this.rules = rules;
    }

    /** Parses the configuration; a malformed rule stops the start with a message naming it. */
    public static AdminAcl parse(Map<String, List<String>> configured, String superuserRole) {
        Map<String, List<Rule>> rules = new LinkedHashMap<>();
        configured.forEach((role, texts) -> {
            List<Rule> parsed = new ArrayList<>();
            for (String text : texts) {
                parsed.add(rule(role, text));
            }
            rules.put(role, List.copyOf(parsed));
        });
        rules.putIfAbsent(superuserRole, List.of(new Rule("*", Pattern.compile("/.*"), "* /.*")));
        return new AdminAcl(Map.copyOf(rules));
    }

    private static Rule rule(String role, String text) {
        String[] parts = text.strip().split("\\s+", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("arca.admin.acl." + role + ": '" + text
                    + "' is not \"METHOD /path-regex\"");
        }
        String method = parts[0].toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("arca.admin.acl." + role + ": unknown method '" + parts[0]
                    + "' (GET, POST, PUT, DELETE or *)");
        }
        if (!parts[1].startsWith("/")) {
            throw new IllegalArgumentException("arca.admin.acl." + role + ": the path pattern '" + parts[1]
                    + "' must start with /");
        }
        try {
            return new Rule(method, Pattern.compile(parts[1]), method + " " + parts[1]);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("arca.admin.acl." + role + ": invalid regular expression '" + parts[1]
                    + "': " + e.getDescription());
        }
    }

    public boolean allows(String role, String method, String path) {
        return rules.getOrDefault(role, List.of()).stream().anyMatch(rule -> rule.matches(method, path));
    }

    /** The roles the ACL knows, for the startup log. */
    public Set<String> roles() {
        return rules.keySet();
    }
}
