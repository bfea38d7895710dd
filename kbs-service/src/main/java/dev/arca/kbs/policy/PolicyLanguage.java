package dev.arca.kbs.policy;

import java.util.regex.Pattern;

/**
 * Which language a policy text is in. A Rego module starts with its {@code package} clause (after comments and blank
 * lines); {@code package} is a reserved word in CEL, so no CEL expression starts that way.
 */
public enum PolicyLanguage {
    REGO, CEL;

    private static final Pattern REGO_MODULE = Pattern.compile("\\A(?:\\s++|#[^\\n]*+)*+package\\s");

    public static PolicyLanguage of(String text) {
        return text != null && REGO_MODULE.matcher(text).lookingAt() ? REGO : CEL;
    }
}
