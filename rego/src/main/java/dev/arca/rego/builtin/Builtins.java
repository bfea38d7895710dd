package dev.arca.rego.builtin;

import dev.arca.rego.value.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The built-in functions by name, as OPA names them. The standard set is shared; {@link #with} adds custom functions
 * (e.g. Trustee's {@code query_reference_value}) to a copy.
 */
public final class Builtins {

    /**
     * A built-in's arity (-1: any number of operands) and either a function or, for relations such as {@code walk},
     * an enumerator of all results.
     */
    public record Entry(int arity, Builtin function, Function<List<Value>, List<Value>> enumerator) {
        public boolean enumerates() {
            return enumerator != null;
        }
    }

    private static final Builtins STANDARD = standardSet();

    private final Map<String, Entry> entries;

    private Builtins(Map<String, Entry> entries) {
        this.entries = Map.copyOf(entries);
    }

    public static Builtins standard() {
        return STANDARD;
    }

    /** A copy with one more function. */
    public Builtins with(String name, int arity, Builtin function) {
        var copy = new HashMap<>(entries);
        copy.put(name, new Entry(arity, function, null));
        return new Builtins(copy);
    }

    public Entry get(String name) {
        return entries.get(name);
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    public java.util.Set<String> names() {
        return entries.keySet();
    }

    /** Registration target of the built-in families. */
    static final class Registry {
        final Map<String, Entry> map = new HashMap<>();

        void add(String name, int arity, Builtin fn) {
            map.put(name, new Entry(arity, fn, null));
        }

        /** A one-operand built-in that ignores the context. */
        void add1(String name, Function<List<Value>, Value> fn) {
            add(name, 1, (args, cx) -> fn.apply(args));
        }

        void add2(String name, Function<List<Value>, Value> fn) {
            add(name, 2, (args, cx) -> fn.apply(args));
        }

        void add3(String name, Function<List<Value>, Value> fn) {
            add(name, 3, (args, cx) -> fn.apply(args));
        }

        void relation(String name, int arity, Function<List<Value>, List<Value>> fn) {
            map.put(name, new Entry(arity, null, fn));
        }
    }

    private static Builtins standardSet() {
        var r = new Registry();
        NumberBuiltins.register(r);
        CollectionBuiltins.register(r);
        StringBuiltins.register(r);
        RegexBuiltins.register(r);
        EncodingBuiltins.register(r);
        TimeBuiltins.register(r);
        NetBuiltins.register(r);
        GlobBuiltins.register(r);
        SemverBuiltins.register(r);
        TypeBuiltins.register(r);
        CryptoBuiltins.register(r);
        JwtBuiltins.register(r);
        DocumentBuiltins.register(r);
        YamlBuiltins.register(r);
        UrlQueryBuiltins.register(r);
        GraphBuiltins.register(r);
        RuntimeBuiltins.register(r);
        HttpSend.register(r);
        UuidParse.register(r);
        JsonMarshalWithOptions.register(r);
        CidrContainsMatches.register(r);
        RegexTemplateMatch.register(r);
        GlobsMatch.register(r);
        JsonSchemaBuiltins.register(r);
        ChainVerificationOptions.register(r);
        PrivateKeyBuiltins.register(r);
        GoTemplateRun.register(r);
        return new Builtins(r.map);
    }
}
