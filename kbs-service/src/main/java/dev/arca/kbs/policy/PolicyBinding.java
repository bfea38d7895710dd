package dev.arca.kbs.policy;

import dev.arca.kbs.error.KbsException;
import dev.arca.model.error.KbsErrorType;
import java.util.regex.Pattern;

/**
 * Validation of policy ids and bindings (docs/kbs.md "Resource policies"). A binding is a prefix of the policy subject
 * of a request: {@code ""} (everything), a repository {@code "tenant-a/"}, a repository and type
 * {@code "tenant-a/key/"}, or for another plugin {@code "cert:"} / {@code "cert:issue/"}. It always ends at a segment
 * boundary ({@code /} or {@code :}), so {@code tenant-a/} never covers {@code tenant-ab/…}.
 */
public final class PolicyBinding {

    private static final String SEGMENT = "[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}";
    private static final Pattern BINDING = Pattern.compile(
            "|(" + SEGMENT + "/){1,2}|[a-z0-9][a-z0-9-]{0,63}:(" + SEGMENT + "/)*");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}");

    private PolicyBinding() {
    }

    public static String requireBinding(String binding) {
        if (binding == null || !BINDING.matcher(binding).matches()) {
            throw new KbsException(KbsErrorType.InvalidRequest, "invalid policy binding '" + shorten(binding)
                    + "': use \"\" (everything), \"repo/\", \"repo/type/\", or \"plugin:\" / \"plugin:path/\"");
        }
        return binding;
    }

    public static String requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new KbsException(KbsErrorType.InvalidRequest, "invalid policy id '" + shorten(id)
                    + "': use [A-Za-z0-9_.-], not starting with '.', at most 64 characters");
        }
        return id;
    }

    private static String shorten(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
