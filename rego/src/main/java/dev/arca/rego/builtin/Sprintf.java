package dev.arca.rego.builtin;

import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.ObjectValue;
import dev.arca.rego.value.SetValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * OPA's {@code sprintf}: Go's fmt verbs over Rego values ({@code %v %s %d %f %e %g %x %X %o %b %q %t %%}, width,
 * precision, {@code -}, {@code 0} and {@code +} flags). Composite values print in Rego's own notation.
 */
final class Sprintf {
    private Sprintf() {
    }

    static String format(String fmt, List<Value> args) {
        var out = new StringBuilder();
        int argi = 0;
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            int j = i + 1;
            boolean minus = false;
            boolean zero = false;
            boolean plus = false;
            while (j < fmt.length() && "-0+ #".indexOf(fmt.charAt(j)) >= 0) {
                char fl = fmt.charAt(j);
                minus |= fl == '-';
                zero |= fl == '0';
                plus |= fl == '+';
                j++;
            }
            int width = -1;
            int ws = j;
            while (j < fmt.length() && Character.isDigit(fmt.charAt(j))) {
                j++;
            }
            if (j > ws) {
                width = Integer.parseInt(fmt.substring(ws, Math.min(j, ws + 6)));
            }
            int precision = -1;
            if (j < fmt.length() && fmt.charAt(j) == '.') {
                j++;
                int ps = j;
                while (j < fmt.length() && Character.isDigit(fmt.charAt(j))) {
                    j++;
                }
                precision = j > ps ? Integer.parseInt(fmt.substring(ps, Math.min(j, ps + 6))) : 0;
            }
            if (j >= fmt.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            char verb = fmt.charAt(j);
            i = j;
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (argi >= args.size()) {
                out.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            Value arg = args.get(argi++);
            if (arg instanceof NumberValue n) {
                NumberBuiltins.sane(n.value());
            }
            String s = verb(verb, arg, precision, plus);
            if (width > s.length()) {
                String pad = (zero && !minus ? "0" : " ").repeat(width - s.length());
                if (minus) {
                    s = s + pad;
                } else if (zero && (s.startsWith("-") || s.startsWith("+"))) {
                    s = s.charAt(0) + pad + s.substring(1);
                } else {
                    s = pad + s;
                }
            }
            out.append(s);
        }
        if (argi < args.size()) {
            out.append("%!(EXTRA ");
            var extra = new ArrayList<String>();
            for (int k = argi; k < args.size(); k++) {
                extra.add(goType(args.get(k)) + "=" + plain(args.get(k)));
            }
            out.append(String.join(", ", extra)).append(')');
        }
        return out.toString();
    }

    private static String goType(Value v) {
        return switch (v) {
            case StringValue s -> "string";
            case NumberValue n -> n.isInteger() ? "int" : "float64";
            case BoolValue b -> "bool";
            default -> "ast." + v.typeName();
        };
    }

    private static String verb(char verb, Value v, int precision, boolean plus) {
        switch (verb) {
            case 'v', 's' -> {
                String s = plain(v);
                return precision >= 0 && verb == 's' && s.length() > precision ? s.substring(0, precision) : s;
            }
            case 'd' -> {
                if (v instanceof NumberValue n && n.isInteger()) {
                    String s = n.value().toBigIntegerExact().toString();
                    return plus && n.value().signum() >= 0 ? "+" + s : s;
                }
                return "%!d(" + goType(v) + "=" + plain(v) + ")";
            }
            case 'f', 'F', 'e', 'g', 'G', 'E' -> {
                if (!(v instanceof NumberValue n)) {
                    return "%!" + verb + "(" + goType(v) + "=" + plain(v) + ")";
                }
                BigDecimal d = n.value();
                String s = switch (verb) {
                    case 'e', 'E' -> {
                        String e = String.format("%." + (precision < 0 ? 6 : precision) + "e", d);
                        yield verb == 'E' ? e.toUpperCase(java.util.Locale.ROOT) : e;
                    }
                    case 'g', 'G' -> precision < 0 ? d.stripTrailingZeros().toPlainString()
                            : d.round(new java.math.MathContext(Math.max(precision, 1))).stripTrailingZeros().toPlainString();
                    default -> d.setScale(precision < 0 ? 6 : precision, RoundingMode.HALF_EVEN).toPlainString();
                };
                return plus && d.signum() >= 0 ? "+" + s : s;
            }
            case 'x', 'X', 'o', 'b' -> {
                int radix = verb == 'o' ? 8 : verb == 'b' ? 2 : 16;
                String s;
                if (v instanceof NumberValue n && n.isInteger()) {
                    s = n.value().toBigIntegerExact().toString(radix);
                } else if (v instanceof StringValue str && radix == 16) {
                    s = java.util.HexFormat.of().formatHex(str.value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    return "%!" + verb + "(" + goType(v) + "=" + plain(v) + ")";
                }
                return verb == 'X' ? s.toUpperCase(java.util.Locale.ROOT) : s;
            }
            case 'q' -> {
                if (v instanceof StringValue s) {
                    var sb = new StringBuilder();
                    dev.arca.rego.value.Json.quote(s.value(), sb);
                    return sb.toString().replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&");
                }
                return "%!q(" + goType(v) + "=" + plain(v) + ")";
            }
            case 't' -> {
                return v instanceof BoolValue b ? Boolean.toString(b.value()) : "%!t(" + goType(v) + "=" + plain(v) + ")";
            }
            default -> {
                return "%!" + verb + "(" + goType(v) + "=" + plain(v) + ")";
            }
        }
    }

    /** A value as %v prints it: strings bare, everything else in Rego notation. */
    static String plain(Value v) {
        return v instanceof StringValue s ? s.value() : rego(v);
    }

    /** Rego's notation of a value: {@code ["a", 1]}, {@code {"a": 1}}, {@code {1, 2}}, {@code set()}. */
    static String rego(Value v) {
        return switch (v) {
            case ArrayValue a -> "[" + String.join(", ", a.items().stream().map(Sprintf::rego).toList()) + "]";
            case SetValue s -> s.items().isEmpty() ? "set()"
                    : "{" + String.join(", ", s.items().stream().map(Sprintf::rego).toList()) + "}";
            case ObjectValue o -> {
                var parts = new ArrayList<String>();
                o.entries().forEach((k, val) -> parts.add(rego(k) + ": " + rego(val)));
                yield "{" + String.join(", ", parts) + "}";
            }
            default -> dev.arca.rego.value.Json.write(v);
        };
    }
}
