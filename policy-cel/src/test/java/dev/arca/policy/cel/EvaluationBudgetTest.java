package dev.arca.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Over budget is refused at upload when the estimate shows it, and stopped at evaluation when it does not. */
class EvaluationBudgetTest {

    static final PolicyEnvironment DEFAULTS = PolicyEnvironment.builder().variable("input").build();

    static List<Object> ints(int n) {
        List<Object> list = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            list.add(i);
        }
        return list;
    }

    @Test
    void nestedLoopsOverTwoUnspelledListsAreRefusedAtUploadWithTheIterablesAndTheBudget() {
        PolicyEnvironment environment = PolicyEnvironment.builder().variable("input").build();
        assertThatThrownBy(() -> environment.compile("input.x.all(a, input.y.all(b, a != b))"))
                .isInstanceOfSatisfying(PolicyRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(PolicyRejectedException.Reason.OVER_BUDGET))
                .hasMessage("nested comprehensions over `input.x` and `input.y` may run about 10^6 iterations (a "
                        + "list or map the policy does not spell out is assumed to hold up to 1000 elements); the "
                        + "budget is 100000 iterations per evaluation");
        assertThatThrownBy(() -> environment.compile(
                "input.x.exists(a, input.y.exists(b, input.z.exists(c, a == b && b == c)))"))
                .hasMessageStartingWith("nested comprehensions over `input.x`, `input.y` and `input.z` may run about "
                        + "10^9 iterations");
        assertThat(environment.cachedPrograms()).as("nothing refused is kept").isZero();
    }

    @Test
    void loopsThatStayWithinTheEstimatePass() throws Exception {
        for (String policy : List.of(
                "input.x.all(a, a > 0)",
                "input.x.all(a, a > 0) && input.y.exists(b, b == 2)",
                // literal lists count with their own size
                "['driver', 'vbios'].all(r, input[r].all(c, c == true))",
                // the parts of an element: all digests of all events are parts of the one event log
                "input.events.exists(e, e.digests.exists(d, d == 'ff') && e.?paths.orValue([]).exists(p, p == 'k'))",
                "input.events.exists(e, cel.bind(ds, e.digests, ds.exists(d, d == 'ff')))",
                "cel.bind(events, input.events, events.exists(e, e.digests.exists(d, d.parts.all(p, p > 0))))")) {
            CompiledPolicy compiled = DEFAULTS.compile(policy);
            assertThat(compiled.estimatedIterations()).as(policy).isBetween(1L, 100_000L);
        }
        assertThat(DEFAULTS.compile("['driver', 'vbios'].all(r, ['a', 'b', 'c'].all(c, c != r))")
                .estimatedIterations()).isEqualTo(2 * (1 + 3 * (1 + 0)));
    }

    @Test
    void aPolicyWithinTheEstimateThatRunsLongerIsStoppedAtTheIterationBudget() throws Exception {
        CompiledPolicy policy = DEFAULTS.compile("input.x.all(a, a >= 0)");

        assertThat(policy.evaluate(Map.of("input", Map.of("x", ints(100_000)))))
                .isEqualTo(new PolicyOutcome.Value(true));
        assertThat(policy.evaluate(Map.of("input", Map.of("x", ints(100_001)))))
                .isEqualTo(new PolicyOutcome.BudgetExceeded(
                        "the evaluation reached its budget of 100000 comprehension iterations"));
    }

    @Test
    void theBudgetCountsAllLoopsOfOneEvaluationTogether() throws Exception {
        CompiledPolicy policy = DEFAULTS.compile("input.x.all(a, a >= 0) && input.y.all(b, b >= 0)");

        assertThat(policy.evaluate(Map.of("input", Map.of("x", ints(60_000), "y", ints(60_000)))))
                .isInstanceOf(PolicyOutcome.BudgetExceeded.class);
        assertThat(policy.evaluate(Map.of("input", Map.of("x", ints(40_000), "y", ints(60_000)))))
                .isEqualTo(new PolicyOutcome.Value(true));
    }

    @Test
    void anOverrunCannotBeAbsorbedByOrAndOrAnotherLoop() throws Exception {
        Map<String, Object> big = Map.of("input", Map.of("x", ints(200_000), "y", ints(3)));
        for (String policy : List.of("input.x.all(a, a >= 0) || true", "false && true || input.x.all(a, a >= 0)",
                "[1, 2].exists(b, input.x.all(a, a >= 0) || true)", "input.x.exists(a, a < 0) ? false : true")) {
            assertThat(DEFAULTS.compile(policy).evaluate(big)).as(policy)
                    .isInstanceOf(PolicyOutcome.BudgetExceeded.class);
        }
    }

    @Test
    void theDeadlineStopsAnEvaluationTheIterationCountWouldLetRun() throws Exception {
        // a budget of a billion iterations lets a 20 000 × 20 000 nested loop pass the estimate and the count; at
        // tens of nanoseconds an iteration it would run for minutes, so only the deadline can have ended it
        PolicyEnvironment lenient = PolicyEnvironment.builder().variable("input")
                .budget(new EvaluationBudget(EvaluationBudget.MAX_ITERATIONS_CEILING, Duration.ofMillis(200), 1_000))
                .build();
        CompiledPolicy policy = lenient.compile("input.x.all(a, input.y.all(b, a + b >= 0))");

        PolicyOutcome outcome = policy.evaluate(Map.of("input", Map.of("x", ints(20_000), "y", ints(20_000))));

        assertThat(outcome).isEqualTo(new PolicyOutcome.BudgetExceeded(
                "the evaluation ran past its deadline of 200 ms"));
    }

    @Test
    void budgetsAreValidated() {
        assertThatThrownBy(() -> new EvaluationBudget(0, Duration.ofSeconds(1), 10))
                .hasMessageContaining("max-iterations");
        assertThatThrownBy(() -> new EvaluationBudget(10, Duration.ZERO, 10)).hasMessageContaining("deadline");
        assertThatThrownBy(() -> new EvaluationBudget(10, Duration.ofSeconds(1), 0))
                .hasMessageContaining("assumed-iterable-size");
    }
}
