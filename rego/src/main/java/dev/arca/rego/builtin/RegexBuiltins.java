package dev.arca.rego.builtin;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code regex.*} with RE2 semantics (linear-time matching, no backtracking), compiled patterns cached. */
final class RegexBuiltins {
    private static final int CACHE_SIZE = 256;
    private static final Map<String, Pattern> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private RegexBuiltins() {
    }

    static Pattern compile(String re) {
        synchronized (CACHE) {
            Pattern p = CACHE.get(re);
            if (p != null) {
                return p;
            }
        }
        try {
            Pattern p = Pattern.compile(re);
            synchronized (CACHE) {
                CACHE.put(re, p);
            }
            return p;
        } catch (PatternSyntaxException e) {
            throw BuiltinException.failed("error parsing regexp: " + e.getDescription());
        }
    }

    static void register(Builtins.Registry r) {
        r.add2("regex.match", a -> BoolValue.of(compile(Args.string(a, 0)).matcher(Args.string(a, 1)).find()));
        r.add2("re_match", a -> BoolValue.of(compile(Args.string(a, 0)).matcher(Args.string(a, 1)).find()));
        r.add1("regex.is_valid", a -> {
            if (!(a.get(0) instanceof StringValue s)) {
                return BoolValue.FALSE;
            }
            try {
                compile(s.value());
                return BoolValue.TRUE;
            } catch (BuiltinException e) {
                return BoolValue.FALSE;
            }
        });
        r.add2("regex.split", a -> {
            String s = Args.string(a, 1);
            Matcher m = compile(Args.string(a, 0)).matcher(s);
            var out = new ArrayList<Value>();
            int last = 0;
            while (m.find()) {
                if (m.end() == 0 && m.start() == 0) {
                    continue;
                }
                out.add(new StringValue(s.substring(last, m.start())));
                last = m.end();
            }
            out.add(new StringValue(s.substring(last)));
            return new ArrayValue(out);
        });
        r.add3("regex.find_n", a -> {
            Matcher m = compile(Args.string(a, 0)).matcher(Args.string(a, 1));
            int n = Args.integer(a, 2);
            var out = new ArrayList<Value>();
            while ((n < 0 || out.size() < n) && m.find()) {
                out.add(new StringValue(m.group()));
            }
            return new ArrayValue(out);
        });
        r.add3("regex.find_all_string_submatch_n", a -> {
            Matcher m = compile(Args.string(a, 0)).matcher(Args.string(a, 1));
            int n = Args.integer(a, 2);
            var out = new ArrayList<Value>();
            while ((n < 0 || out.size() < n) && m.find()) {
                var groups = new ArrayList<Value>();
                for (int g = 0; g <= m.groupCount(); g++) {
                    String s = m.group(g);
                    groups.add(new StringValue(s == null ? "" : s));
                }
                out.add(new ArrayValue(groups));
            }
            return new ArrayValue(out);
        });
        r.add3("regex.replace", a -> {
            Matcher m = compile(Args.string(a, 1)).matcher(Args.string(a, 0));
            return new StringValue(m.replaceAll(goTemplate(Args.string(a, 2))));
        });
    }

    /** Go writes group references as $1 / ${1}; RE2/J as $1 / ${name}: ${n} is rewritten to $n. */
    private static String goTemplate(String repl) {
        return repl.replaceAll("\\$\\{(\\d+)\\}", "\\$$1");
    }

}
