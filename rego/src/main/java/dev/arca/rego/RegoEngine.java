package dev.arca.rego;

import dev.arca.rego.builtin.BuiltinException;
import dev.arca.rego.builtin.Builtins;
import dev.arca.rego.builtin.Environment;
import dev.arca.rego.builtin.HttpSend;
import dev.arca.rego.value.ObjectValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import dev.arca.rego.eval.Program;
import dev.arca.rego.syntax.Module;
import dev.arca.rego.syntax.Parser;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Entry point of the engine: compiles policy text once (parse, resolve, place rules) and caches the result by text
 * (bounded, least recently used out first); every evaluation of a {@link CompiledPolicy} runs under this engine's step
 * budget and deadline. Thread-safe.
 */
public final class RegoEngine {
    private final Builtins builtins;
    private final long maxSteps;
    private final Duration timeout;
    private final boolean strictBuiltinErrors;
    private final Clock clock;
    private final Environment environment;
    private final Map<Object, CompiledPolicy> cache;

    private RegoEngine(Builder b) {
        this.builtins = b.builtins;
        this.maxSteps = b.maxSteps;
        this.timeout = b.timeout;
        this.strictBuiltinErrors = b.strictBuiltinErrors;
        this.clock = b.clock;
        this.environment = new Environment(b.printSink, b.runtime, b.random, b.http);
        int size = b.cacheSize;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, CompiledPolicy> eldest) {
                return size() > size;
            }
        };
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A module starts with its {@code package} clause, after blank lines and comments (possessive: linear time). */
    private static final java.util.regex.Pattern MODULE_START =
            java.util.regex.Pattern.compile("\\A(?:\\s++|#[^\\n]*+)*+package\\s");

    /**
     * Whether a policy text is a Rego module rather than, say, a CEL expression: services that accept both let the
     * text decide ({@code package} is a reserved word in CEL, so no CEL expression starts with it).
     */
    public static boolean isModuleText(String text) {
        return text != null && MODULE_START.matcher(text).lookingAt();
    }

    /** Compiles one module (cached by its text). */
    public CompiledPolicy compile(String text) {
        return compile(Map.of("policy.rego", text));
    }

    /** Compiles modules that see each other under {@code data} (cached by names and texts). */
    public CompiledPolicy compile(Map<String, String> modules) {
        Objects.requireNonNull(modules, "modules");
        var key = new TreeMap<>(modules);
        synchronized (cache) {
            CompiledPolicy hit = cache.get(key);
            if (hit != null) {
                return hit;
            }
        }
        var parsed = new ArrayList<Module>();
        for (String text : key.values()) {
            parsed.add(Parser.module(text));
        }
        var policy = new CompiledPolicy(Program.compile(parsed, builtins), parsed.get(0).packagePath(), this);
        synchronized (cache) {
            cache.put(key, policy);
        }
        return policy;
    }

    long maxSteps() {
        return maxSteps;
    }

    Duration timeout() {
        return timeout;
    }

    boolean strictBuiltinErrors() {
        return strictBuiltinErrors;
    }

    Clock clock() {
        return clock;
    }

    Environment environment() {
        return environment;
    }

    /** Engine settings; the defaults suit policies evaluated per request. */
    public static final class Builder {
        private Builtins builtins = Builtins.standard();
        private long maxSteps = 1_000_000;
        private Duration timeout = Duration.ofSeconds(1);
        private boolean strictBuiltinErrors;
        private Clock clock = Clock.systemUTC();
        private int cacheSize = 64;
        private java.util.function.Consumer<String> printSink = Environment.DEFAULT.printSink();
        private ObjectValue runtime = ObjectValue.EMPTY;
        private java.util.random.RandomGenerator random = Environment.DEFAULT.random();
        private HttpSend http;

        /** At most this many evaluation steps (literals, unifications, ref steps) per query. */
        public Builder maxSteps(long steps) {
            if (steps <= 0) {
                throw new IllegalArgumentException("maxSteps must be positive");
            }
            this.maxSteps = steps;
            return this;
        }

        /** Wall-clock deadline per query. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /** Built-in errors fail the evaluation instead of making the expression undefined (OPA's strict mode). */
        public Builder strictBuiltinErrors(boolean strict) {
            this.strictBuiltinErrors = strict;
            return this;
        }

        /** The clock of {@code time.now_ns} (read once per query). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** How many compiled policies are kept. */
        public Builder cacheSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("cacheSize must be at least 1");
            }
            this.cacheSize = size;
            return this;
        }

        /** Where {@code print} writes its lines and {@code trace} its notes (default: nowhere). */
        public Builder printSink(java.util.function.Consumer<String> sink) {
            this.printSink = Objects.requireNonNull(sink);
            return this;
        }

        /**
         * The environment variables {@code opa.runtime()} shows policies under {@code env} (default: none, and
         * {@code opa.runtime()} is the empty object). Nothing of the process's environment is shown unless given here.
         */
        public Builder runtimeEnv(Map<String, String> env) {
            var entries = new TreeMap<Value, Value>();
            env.forEach((k, v) -> entries.put(new StringValue(k), new StringValue(v)));
            var runtime = new TreeMap<Value, Value>();
            runtime.put(new StringValue("env"), new ObjectValue(entries));
            this.runtime = new ObjectValue(runtime);
            return this;
        }

        /** The randomness of {@code rand.intn} (default: a SecureRandom; tests give a seeded generator). */
        public Builder random(java.util.random.RandomGenerator random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /**
         * Enables {@code http.send} to the given hosts ({@code host} or {@code host:port}), each request bounded by
         * the timeout and the response by the size. Off by default: a policy calling it fails with
         * {@code eval_builtin_error}. Note that the time a request takes counts against the query's deadline too.
         */
        public Builder httpSend(java.util.Set<String> allowedHosts, Duration timeout, int maxResponseBytes) {
            this.http = new HttpSend(allowedHosts, timeout, maxResponseBytes);
            return this;
        }

        /** Adds a custom built-in, e.g. {@code query_reference_value} with arity 1. */
        public Builder function(String name, int arity, RegoFunction function) {
            Objects.requireNonNull(function);
            this.builtins = builtins.with(name, arity, (args, cx) -> {
                try {
                    return function.apply(args);
                } catch (RegoException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw BuiltinException.failed(name + " failed");
                }
            });
            return this;
        }

        public RegoEngine build() {
            return new RegoEngine(this);
        }
    }
}
