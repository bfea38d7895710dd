package dev.arca.rego.builtin;

import dev.arca.rego.value.BoolValue;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code regex.template_match(template, value, delimiter_start, delimiter_end)}: the template is literal text with
 * regular expressions between the delimiters ({@code "urn:foo:{.*}"} with {@code "{"}, {@code "}"}); the whole value
 * must match it. The literal parts are quoted, each delimited part becomes a group, and the result is matched with RE2
 * semantics like the other {@code regex.*} built-ins. Delimiters nest (a {@code {}} inside a delimited part belongs to
 * it, so {@code {[a-z]{3}}} works); unbalanced delimiters or an invalid expression are errors.
 */
final class RegexTemplateMatch {
    private static final int MAX_TEMPLATE = 16 * 1024;

    private RegexTemplateMatch() {
    }

    static void register(Builtins.Registry r) {
        r.add("regex.template_match", 4, (a, cx) -> {
            String template = Args.string(a, 0);
            String value = Args.string(a, 1);
            char start = delimiter(Args.string(a, 2), 3);
            char end = delimiter(Args.string(a, 3), 4);
            return BoolValue.of(RegexBuiltins.compile(pattern(template, start, end)).matcher(value).matches());
        });
    }

    private static char delimiter(String s, int position) {
        if (s.isEmpty()) {
            throw BuiltinException.failed("operand " + position + ": delimiter must not be empty");
        }
        // the first character is the delimiter, as OPA reads it
        return s.charAt(0);
    }

    /** The anchored RE2 pattern of a template. */
    static String pattern(String template, char start, char end) {
        if (template.length() > MAX_TEMPLATE) {
            throw BuiltinException.failed("template too long");
        }
        List<int[]> parts = delimited(template, start, end);
        var out = new StringBuilder("^");
        int from = 0;
        for (int[] p : parts) {
            out.append(quote(template.substring(from, p[0]))).append('(')
                    .append(template, p[0] + 1, p[1] - 1).append(')');
            from = p[1];
        }
        out.append(quote(template.substring(from))).append('$');
        return out.toString();
    }

    /** Start (inclusive) and end (exclusive) of each top-level delimited part. */
    private static List<int[]> delimited(String s, char start, char end) {
        var out = new ArrayList<int[]>();
        int level = 0;
        int open = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == start) {
                if (++level == 1) {
                    open = i;
                }
            } else if (c == end) {
                if (--level == 0) {
                    out.add(new int[] {open, i + 1});
                } else if (level < 0) {
                    throw BuiltinException.failed("unbalanced braces");
                }
            }
        }
        if (level != 0) {
            throw BuiltinException.failed("unbalanced braces");
        }
        return out;
    }

    private static String quote(String literal) {
        var out = new StringBuilder();
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
