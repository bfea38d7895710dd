package dev.arca.rego.builtin;

import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.StringValue;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code semver.is_valid} and {@code semver.compare} per Semantic Versioning 2.0.0 (build metadata ignored). */
final class SemverBuiltins {
    private static final Pattern SEMVER = Pattern.compile(
            "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    private SemverBuiltins() {
    }

    static void register(Builtins.Registry r) {
        r.add1("semver.is_valid", a -> BoolValue.of(a.get(0) instanceof StringValue s && parse(s.value()).isPresent()));
        r.add2("semver.compare", a -> {
            Matcher x = parse(Args.string(a, 0)).orElseThrow(() -> BuiltinException.failed(
                    "operand 1: string " + Args.string(a, 0) + " is not a valid SemVer"));
            Matcher y = parse(Args.string(a, 1)).orElseThrow(() -> BuiltinException.failed(
                    "operand 2: string " + Args.string(a, 1) + " is not a valid SemVer"));
            return NumberValue.of(compare(x, y));
        });
    }

    private static Optional<Matcher> parse(String s) {
        Matcher m = SEMVER.matcher(s);
        return m.matches() ? Optional.of(m) : Optional.empty();
    }

    private static int compare(Matcher x, Matcher y) {
        for (int g = 1; g <= 3; g++) {
            int c = new BigInteger(x.group(g)).compareTo(new BigInteger(y.group(g)));
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        String px = x.group(4);
        String py = y.group(4);
        if (px == null || py == null) {
            return px == null && py == null ? 0 : px == null ? 1 : -1;
        }
        String[] ix = px.split("\\.");
        String[] iy = py.split("\\.");
        for (int i = 0; i < Math.min(ix.length, iy.length); i++) {
            boolean nx = ix[i].matches("\\d+");
            boolean ny = iy[i].matches("\\d+");
            int c;
            if (nx && ny) {
                c = new BigInteger(ix[i]).compareTo(new BigInteger(iy[i]));
            } else if (nx || ny) {
                c = nx ? -1 : 1;
            } else {
                c = ix[i].compareTo(iy[i]);
            }
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        return Integer.compare(ix.length, iy.length);
    }
}
