package dev.arca.rego;

import dev.arca.rego.eval.Evaluation;
import dev.arca.rego.eval.Program;
import dev.arca.rego.syntax.Body;
import dev.arca.rego.value.Value;
import java.util.ArrayList;
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
        return evaluateAll(List.of(ref), input, data).get(0);
    }

    /**
     * The values of several references over the same input and data, in one evaluation: the rules they share (say a
     * policy's {@code trust_claims} and {@code extensions}, both built on its appraisal rules) are computed once, and
     * the step budget and deadline cover all of them together.
     */
    public List<Optional<Value>> evaluateAll(List<String> refs, Value input, Value data) {
        Evaluation evaluation = evaluation(input, data);
        var values = new ArrayList<Optional<Value>>(refs.size());
        for (String ref : refs) {
            var rows = run(evaluation, RESULT + " = " + ref, 1);
            values.add(rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0).get(RESULT)));
        }
        return values;
    }

    /** Every solution of a query: its variables' values, in evaluation order. */
    public List<Map<String, Value>> query(String query, Value input, Value data) {
        return run(evaluation(input, data), query, Integer.MAX_VALUE);
    }

    private Evaluation evaluation(Value input, Value data) {
        return new Evaluation(program, input, data, engine.maxSteps(), engine.timeout().toNanos(),
                engine.strictBuiltinErrors(), engine.clock().instant(), engine.environment());
    }

    private List<Map<String, Value>> run(Evaluation evaluation, String query, int max) {
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
        try {
            return evaluation.run(body, max);
        } catch (StackOverflowError e) {
            throw new RegoException("eval_cancel_error", null, "evaluation nested too deeply");
        }
    }
}
