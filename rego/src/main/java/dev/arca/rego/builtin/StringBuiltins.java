package dev.arca.rego.builtin;

import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.NullValue;
import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** String built-ins; lengths and indexes count Unicode code points, as OPA does. */
final class StringBuiltins {
    private StringBuiltins() {
    }

    static void register(Builtins.Registry r) {
        r.add2("concat", a -> new StringValue(String.join(Args.string(a, 0), Args.strings(a, 1))));
        r.add2("contains", a -> BoolValue.of(Args.string(a, 0).contains(Args.string(a, 1))));
        r.add2("startswith", a -> BoolValue.of(Args.string(a, 0).startsWith(Args.string(a, 1))));
        r.add2("endswith", a -> BoolValue.of(Args.string(a, 0).endsWith(Args.string(a, 1))));
        r.add1("lower", a -> new StringValue(Args.string(a, 0).toLowerCase(Locale.ROOT)));
        r.add1("upper", a -> new StringValue(Args.string(a, 0).toUpperCase(java.util.Locale.ROOT)));
        r.add2("split", a -> new ArrayValue(split(Args.string(a, 0), Args.string(a, 1))));
        r.add3("strings.split_n", a -> {
            // the first n parts (n > 0), the last -n parts (n < 0), none (n = 0)
            List<Value> parts = split(Args.string(a, 0), Args.string(a, 1));
            int n = Args.integer(a, 2);
            if (n >= 0) {
                return new ArrayValue(parts.subList(0, Math.min(n, parts.size())));
            }
            return new ArrayValue(parts.subList(Math.max(0, parts.size() + n), parts.size()));
        });
        r.add3("replace", a -> new StringValue(replaceAll(Args.string(a, 0), Args.string(a, 1), Args.string(a, 2))));
        r.add2("trim", a -> new StringValue(trim(Args.string(a, 0), Args.string(a, 1), true, true)));
        r.add2("trim_left", a -> new StringValue(trim(Args.string(a, 0), Args.string(a, 1), true, false)));
        r.add2("trim_right", a -> new StringValue(trim(Args.string(a, 0), Args.string(a, 1), false, true)));
        r.add2("trim_prefix", a -> {
            String s = Args.string(a, 0);
            String p = Args.string(a, 1);
            return new StringValue(s.startsWith(p) ? s.substring(p.length()) : s);
        });
        r.add2("trim_suffix", a -> {
            String s = Args.string(a, 0);
            String p = Args.string(a, 1);
            return new StringValue(s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s);
        });
        r.add1("trim_space", a -> new StringValue(Args.string(a, 0).strip()));
        r.add2("indexof", a -> {
            String s = Args.string(a, 0);
            int i = s.indexOf(Args.string(a, 1));
            return NumberValue.of(i < 0 ? -1 : s.codePointCount(0, i));
        });
        r.add2("indexof_n", a -> {
            String s = Args.string(a, 0);
            String needle = Args.string(a, 1);
            var out = new ArrayList<Value>();
            if (!needle.isEmpty()) {
                for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
                    out.add(NumberValue.of(s.codePointCount(0, i)));
                }
            }
            return new ArrayValue(out);
        });
        r.add3("substring", a -> {
            String s = Args.string(a, 0);
            int start = Args.integer(a, 1);
            int length = Args.integer(a, 2);
            if (start < 0) {
                throw BuiltinException.failed("negative offset");
            }
            int[] cps = s.codePoints().toArray();
            if (start >= cps.length) {
                return new StringValue("");
            }
            int end = length < 0 ? cps.length : (int) Math.min(cps.length, (long) start + length);
            return new StringValue(new String(cps, start, end - start));
        });
        r.add2("strings.any_prefix_match", a -> {
            List<String> ss = Args.strings(a, 0);
            List<String> ps = Args.strings(a, 1);
            return BoolValue.of(ss.stream().anyMatch(s -> ps.stream().anyMatch(s::startsWith)));
        });
        r.add2("strings.any_suffix_match", a -> {
            List<String> ss = Args.strings(a, 0);
            List<String> ps = Args.strings(a, 1);
            return BoolValue.of(ss.stream().anyMatch(s -> ps.stream().anyMatch(s::endsWith)));
        });
        r.add2("strings.replace_n", a -> {
            String s = Args.string(a, 1);
            var olds = new ArrayList<String>();
            var news = new ArrayList<String>();
            for (var e : Args.object(a, 0).entries().entrySet()) {
                if (!(e.getKey() instanceof StringValue k)) {
                    throw BuiltinException.type("operand 1 non-string key found in pattern object");
                }
                if (!(e.getValue() instanceof StringValue v)) {
                    throw BuiltinException.type("operand 1 non-string value found in pattern object");
                }
                olds.add(k.value());
                news.add(v.value());
            }
            return new StringValue(replaceInOneScan(s, olds, news));
        });
        r.add1("strings.reverse", a -> new StringValue(new StringBuilder(Args.string(a, 0)).reverse().toString()));
        r.add2("strings.count", a -> {
            String s = Args.string(a, 0);
            String sub = Args.string(a, 1);
            if (sub.isEmpty()) {
                return NumberValue.of(s.codePointCount(0, s.length()) + 1);
            }
            int n = 0;
            for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
                n++;
            }
            return NumberValue.of(n);
        });
        r.add2("format_int", a -> {
            BigDecimal n = NumberBuiltins.sane(Args.number(a, 0));
            int base = Args.integer(a, 1);
            if (base != 2 && base != 8 && base != 10 && base != 16) {
                throw BuiltinException.failed("operand 2 must be one of {2, 8, 10, 16}");
            }
            return new StringValue(n.setScale(0, java.math.RoundingMode.DOWN).toBigInteger().toString(base));
        });
        r.add1("to_number", a -> switch (a.get(0)) {
            case NullValue n -> NumberValue.of(0);
            case BoolValue b -> NumberValue.of(b.value() ? 1 : 0);
            case NumberValue n -> n;
            case StringValue s -> new NumberValue(parseNumber(s.value()));
            default -> throw Args.wrongType(0, a.get(0), "one of {boolean, null, number, string}");
        });
        r.add2("sprintf", a -> new StringValue(Sprintf.format(Args.string(a, 0), Args.array(a, 1))));
    }

    /** Go's strings.Split: an empty separator splits into characters. */
    private static List<Value> split(String s, String sep) {
        var out = new ArrayList<Value>();
        if (sep.isEmpty()) {
            s.codePoints().forEach(cp -> out.add(new StringValue(new String(Character.toChars(cp)))));
            return out;
        }
        int start = 0;
        for (int i = s.indexOf(sep); i >= 0; i = s.indexOf(sep, start)) {
            out.add(new StringValue(s.substring(start, i)));
            start = i + sep.length();
        }
        out.add(new StringValue(s.substring(start)));
        return out;
    }

    /**
     * OPA's {@code strings.replace_n} (Go's {@code strings.Replacer}): one scan from the left; at each position the
     * first pattern in key order that matches there is replaced, and the replacement is never scanned again. The
     * empty pattern (always first in key order) matches once at every position, end included, before the others.
     */
    static String replaceInOneScan(String s, List<String> olds, List<String> news) {
        var out = new StringBuilder();
        int i = 0;
        boolean emptyMatchedHere = false;
        while (i <= s.length()) {
            int hit = -1;
            for (int p = 0; p < olds.size() && hit < 0; p++) {
                String old = olds.get(p);
                if (old.isEmpty() ? !emptyMatchedHere : s.startsWith(old, i)) {
                    hit = p;
                }
            }
            if (hit >= 0) {
                out.append(news.get(hit));
                emptyMatchedHere = olds.get(hit).isEmpty();
                i += olds.get(hit).length();
            } else if (i == s.length()) {
                break;
            } else {
                int cp = s.codePointAt(i);
                out.appendCodePoint(cp);
                i += Character.charCount(cp);
                emptyMatchedHere = false;
            }
        }
        return out.toString();
    }

    /** Go's strings.ReplaceAll: an empty old string inserts the new one around every character. */
    private static String replaceAll(String s, String old, String replacement) {
        if (old.isEmpty()) {
            var sb = new StringBuilder(replacement);
            s.codePoints().forEach(cp -> sb.appendCodePoint(cp).append(replacement));
            return sb.toString();
        }
        return s.replace(old, replacement);
    }

    private static String trim(String s, String cutset, boolean left, boolean right) {
        int start = 0;
        int end = s.length();
        while (left && start < end && cutset.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (right && end > start && cutset.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }

    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * {@code to_number} of a string: a decimal in JSON-like syntax. Infinities and NaN (any case, any leading signs)
     * are not numbers in Rego, a type error as OPA reports it; other text, and a magnitude beyond a 64-bit float
     * (OPA's parse limit), is a built-in error.
     */
    private static BigDecimal parseNumber(String text) {
        String unsigned = text.replaceFirst("^[+-]+", "").toLowerCase(Locale.ROOT);
        if (unsigned.equals("inf") || unsigned.equals("infinity") || unsigned.equals("nan")) {
            throw BuiltinException.type("operand 1 must be valid number string but got string");
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw BuiltinException.failed("invalid syntax");
        }
        if (Double.isInfinite(Double.parseDouble(text))) {
            throw BuiltinException.failed("value out of range");
        }
        return new BigDecimal(text);
    }
}
