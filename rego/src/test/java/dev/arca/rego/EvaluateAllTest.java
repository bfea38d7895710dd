package dev.arca.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.rego.eval.BudgetExceededException;
import dev.arca.rego.value.Json;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Several references read in one evaluation share the rules they depend on, and one budget. */
class EvaluateAllTest {

    private static final String POLICY = """
            package policy
            appraisal := lookup("mr_td")
            trust_claims := {"executables": appraisal}
            extensions := [{"name": "seen", "value": appraisal}]
            """;

    @Test
    void aRuleBothReferencesUseIsComputedOnce() {
        var calls = new AtomicInteger();
        var policy = RegoEngine.builder().function("lookup", 1, args -> {
            calls.incrementAndGet();
            return Json.parse("3");
        }).build().compile(POLICY);

        List<Optional<dev.arca.rego.value.Value>> values = policy.evaluateAll(
                List.of("data.policy.trust_claims", "data.policy.extensions", "data.policy.absent"), null, null);

        assertThat(values.get(0)).contains(Json.parse("{\"executables\": 3}"));
        assertThat(values.get(1)).contains(Json.parse("[{\"name\": \"seen\", \"value\": 3}]"));
        assertThat(values.get(2)).isEmpty();
        assertThat(calls).hasValue(1);

        policy.evaluate("data.policy.trust_claims", null, null);
        policy.evaluate("data.policy.extensions", null, null);
        assertThat(calls).hasValue(3);
    }

    @Test
    void theBudgetCoversAllReferencesTogether() {
        String policy = """
                package p
                a := count([x | some x in numbers.range(1, 400)])
                b := count([x | some x in numbers.range(1, 400)])
                """;
        // the smallest budget one of the two rules fits in; both together need about twice as much
        long budget = 1;
        while (!fits(policy, budget)) {
            budget *= 2;
        }
        long low = budget / 2;
        while (budget - low > 1) {
            long middle = (low + budget) / 2;
            if (fits(policy, middle)) {
                budget = middle;
            } else {
                low = middle;
            }
        }
        var compiled = RegoEngine.builder().maxSteps(budget).timeout(Duration.ofMinutes(1)).build().compile(policy);
        assertThat(compiled.evaluate("data.p.a", null, null)).contains(Json.parse("400"));
        assertThat(compiled.evaluate("data.p.b", null, null)).contains(Json.parse("400"));
        assertThatThrownBy(() -> compiled.evaluateAll(List.of("data.p.a", "data.p.b"), null, null))
                .isInstanceOf(BudgetExceededException.class);
    }

    private static boolean fits(String policy, long maxSteps) {
        try {
            RegoEngine.builder().maxSteps(maxSteps).timeout(Duration.ofMinutes(1)).build().compile(policy)
                    .evaluate("data.p.a", null, null);
            return true;
        } catch (BudgetExceededException e) {
            return false;
        }
    }
}
