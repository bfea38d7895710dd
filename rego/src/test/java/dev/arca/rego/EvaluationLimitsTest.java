package dev.arca.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.rego.eval.BudgetExceededException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Evaluation is bounded: a step budget and a deadline; over either is a typed error (callers deny). */
class EvaluationLimitsTest {

    private static final String EXPENSIVE = """
            package p
            n := numbers.range(1, 300)
            r := count([1 | some a in n; some b in n; some c in n; a + b + c == 0])
            """;

    @Test
    void stepBudgetStopsAnExpensivePolicy() {
        var engine = RegoEngine.builder().maxSteps(10_000).timeout(Duration.ofMinutes(1)).build();
        assertThatThrownBy(() -> engine.compile(EXPENSIVE).evaluate("data.p.r", null, null))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("budget of 10000 steps");
    }

    @Test
    void iterationInTheLastLiteralOfABodyIsCounted() {
        // 4 000 x 4 000 solutions, each found by the body's last literal
        var engine = RegoEngine.builder().maxSteps(1_000_000).timeout(Duration.ofMinutes(1)).build();
        String policy = "package p\nr := count([1 | some a in numbers.range(1, 4000); some b in numbers.range(1, 4000)])";
        assertThatThrownBy(() -> engine.compile(policy).evaluate("data.p.r", null, null))
                .isInstanceOf(BudgetExceededException.class);
    }

    @Test
    void deadlineStopsAnExpensivePolicy() {
        var engine = RegoEngine.builder().maxSteps(Long.MAX_VALUE).timeout(Duration.ofMillis(50)).build();
        assertThatThrownBy(() -> engine.compile(EXPENSIVE).evaluate("data.p.r", null, null))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("deadline");
    }

    @Test
    void aCheapPolicyFitsTheDefaultBudget() {
        var engine = RegoEngine.builder().build();
        assertThat(engine.compile("package p\nr := count([x | some x in numbers.range(1, 100)])")
                .evaluate("data.p.r", null, null).map(Object::toString)).contains("100");
    }

    @Test
    void aLongLiteralTableIsNotAnEvaluationTooDeep() {
        // policies carry tables as literals (allow-lists, reference values, test cases): their length must not
        // count as nesting; the same table with a variable in each row still evaluates
        String rows = java.util.stream.IntStream.range(0, 5_000)
                .mapToObj(i -> "{\"id\": " + i + ", \"tags\": [\"a\", \"b\"], \"ok\": true}")
                .collect(java.util.stream.Collectors.joining(", "));
        String policy = "package p\nrows := [" + rows + "]\nn := count(rows)\nlast := rows[4999].id\n"
                + "mixed := [input.x, " + rows + ", input.x]\n";
        var compiled = Rego.ENGINE.compile(policy);
        assertThat(compiled.evaluate("data.p.n", null, null).map(Object::toString)).contains("5000");
        assertThat(compiled.evaluate("data.p.last", null, null).map(Object::toString)).contains("4999");
        assertThat(compiled.evaluate("data.p.mixed", dev.arca.rego.value.Json.parse("{\"x\": 7}"), null)
                .map(v -> ((dev.arca.rego.value.ArrayValue) v).items().size())).contains(5_002);
    }

    @Test
    void compiledPoliciesAreCachedByText() {
        var engine = RegoEngine.builder().cacheSize(2).build();
        CompiledPolicy first = engine.compile("package p\na := 1");
        assertThat(engine.compile("package p\na := 1")).isSameAs(first);
        engine.compile("package p\na := 2");
        engine.compile("package p\na := 3");
        assertThat(engine.compile("package p\na := 1")).isNotSameAs(first);
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> RegoEngine.builder().maxSteps(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegoEngine.builder().timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegoEngine.builder().cacheSize(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
