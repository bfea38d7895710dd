package dev.arca.rego;

import dev.arca.rego.eval.Evaluation;
import dev.arca.rego.eval.Program;
import dev.arca.rego.syntax.Body;
import dev.arca.rego.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Compiled modules, ready to answer queries; immutable and safe to share between threads. */
public final class CompiledPolicy {
    private static final int QUERY_CACHE = 64;
    private static final String RESULT = "__arca_result__";

    private final Program program;
    private final List<String> packagePath;
    private final RegoEngine engine;
    private final Map<String, Body> queries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Body> eldest) {
            return size() > QUERY_CACHE;
        }
    };

    CompiledPolicy(Program program, List<String> packagePath, RegoEngine engine) {
        this.program = program;
        this.packagePath = List.copyOf(packagePath);
        this.engine = engine;
    }

    /** The package of the (first) module, e.g. {@code [policy]}. */
    public List<String> packagePath() {
        return packagePath;
    }

    /**
     * The value of a reference such as {@code data.policy.allow}, or empty when it is undefined. {@code input} may be
     * null (undefined input), {@code data} null (no base documents).
     */
    public Optional<Value> evaluate(String ref, Value input, Value data) {
        var rows = query(RESULT + " = " + ref, input, data, 1);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0).get(RESULT));
    }

    /** Every solution of a query: its variables' values, in evaluation order. */
    public List<Map<String, Value>> query(String query, Value input, Value data) {
        return query(query, input, data, Integer.MAX_VALUE);
    }

    private List<Map<String, Value>> query(String query, Value input, Value data, int max) {
        Body body;
        synchronized (queries) {
            body = queries.get(query);
        }
        if (body == null) {
            body = program.query(query);
            synchronized (queries) {
                queries.put(query, body);
            }
        }
        var evaluation = new Evaluation(program, input, data, engine.maxSteps(), engine.timeout().toNanos(),
                engine.strictBuiltinErrors(), engine.clock().instant(), engine.environment());
        try {
            return evaluation.run(body, max);
        } catch (StackOverflowError e) {
            throw new RegoException("eval_cancel_error", null, "evaluation nested too deeply");
        }
    }
}
