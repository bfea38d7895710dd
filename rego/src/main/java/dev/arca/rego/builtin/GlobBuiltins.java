package dev.arca.rego.builtin;

import com.google.re2j.Pattern;
import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.NullValue;
import dev.arca.rego.value.StringValue;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code glob.match}: {@code *} matches within delimiters, {@code **} across them, {@code ?} one non-delimiter
 * character, {@code [a-z]}/{@code [!a-z]} classes, {@code {a,b}} alternatives, {@code \} escapes. Delimiters default to
 * {@code ["."]} when the array is empty and are none when {@code null}. Translated to an RE2 expression.
 */
final class GlobBuiltins {
    private GlobBuiltins() {
    }

    static void register(Builtins.Registry r) {
        r.add3("glob.match", a -> {
            String pattern = Args.string(a, 0);
            List<String> delimiters;
            if (a.get(1) instanceof NullValue) {
                delimiters = List.of();
            } else {
                delimiters = new ArrayList<>(Args.strings(a, 1));
                if (delimiters.isEmpty()) {
                    delimiters.add(".");
                }
            }
            String match = Args.string(a, 2);
            return BoolValue.of(RegexBuiltins.compile(toRegex(pattern, delimiters)).matches(match));
        });
        r.add1("glob.quote_meta", a -> {
            var sb = new StringBuilder();
            for (char c : Args.string(a, 0).toCharArray()) {
                if ("*?\\[]{}".indexOf(c) >= 0) {
                    sb.append('\\');
                }
                sb.append(c);
            }
            return new StringValue(sb.toString());
        });
    }

    static String toRegex(String glob, List<String> delimiters) {
        var notDelim = new StringBuilder();
        if (delimiters.isEmpty()) {
            notDelim.append("(?s:.)");
        } else {
            notDelim.append("[^");
            for (String d : delimiters) {
                for (char c : d.toCharArray()) {
                    notDelim.append(Pattern.quote(String.valueOf(c)).replace("\\Q", "").replace("\\E", "")
                            .replaceAll("([\\\\\\]\\[\\^\\-])", "\\\\$1"));
                }
            }
            notDelim.append(']');
        }
        var out = new StringBuilder("^");
        int depth = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        out.append("(?s:.*)");
                        i++;
                    } else {
                        out.append(notDelim).append('*');
                    }
                }
                case '?' -> out.append(notDelim);
                case '[' -> {
                    int end = glob.indexOf(']', i + 2);
                    if (end < 0) {
                        throw BuiltinException.failed("unexpected end of input");
                    }
                    String body = glob.substring(i + 1, end);
                    boolean negate = body.startsWith("!");
                    if (negate) {
                        body = body.substring(1);
                    }
                    out.append('[').append(negate ? "^" : "")
                            .append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                    i = end;
                }
                case '{' -> {
                    out.append("(?:");
                    depth++;
                }
                case '}' -> {
                    if (depth == 0) {
                        out.append("\\}");
                    } else {
                        out.append(')');
                        depth--;
                    }
                }
                case ',' -> out.append(depth > 0 ? "|" : ",");
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        out.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    } else {
                        throw BuiltinException.failed("unexpected end of input");
                    }
                }
                default -> out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (depth != 0) {
            throw BuiltinException.failed("unexpected end of input");
        }
        return out.append('$').toString();
    }

}
