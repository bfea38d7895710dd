package dev.arca.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.common.types.SimpleType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The shared environment: language features, numeric semantics, null, the cache and the result-type rule. */
class PolicyEnvironmentTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final PolicyEnvironment BOOLEAN = PolicyEnvironment.builder()
            .variable("input").variable("request")
            .resultType(type -> type == SimpleType.BOOL || type == SimpleType.DYN ? Optional.empty()
                    : Optional.of("must be a bool, is " + type.name()))
            .build();

    static Map<String, Object> input(String json) {
        return Map.of("input", CelValues.of(JSON.readTree(json)), "request", Map.of());
    }

    static Object value(PolicyEnvironment environment, String policy, String json) {
        PolicyOutcome outcome = environment.evaluate(policy, input(json));
        assertThat(outcome).as(policy).isInstanceOf(PolicyOutcome.Value.class);
        return ((PolicyOutcome.Value) outcome).value();
    }

    @Test
    void intsAndDoublesCompareByValue() {
        String json = "{\"i\": 1, \"d\": 1.0, \"big\": 3.5, \"svn\": 7}";
        for (String policy : List.of("input.i == input.d", "input.i == 1.0", "dyn(1) == 1.0", "input.d == 1",
                "input.i < input.big", "2 < 2.5", "1u < 1.5", "input.svn >= 6.5", "input.i in [1.0, 2.0]",
                "1.0 in [dyn(1), 2]", "{'a': input.d} == {'a': 1}")) {
            assertThat(value(BOOLEAN, policy, json)).as(policy).isEqualTo(true);
        }
        assertThat(value(BOOLEAN, "input.d != 1", json)).isEqualTo(false);
        // arithmetic does not mix
        assertThat(BOOLEAN.evaluate("input.i + 0.5 == 1.5", input(json))).isInstanceOf(PolicyOutcome.Failed.class);
        assertThat(value(BOOLEAN, "double(input.i) + 0.5 == 1.5", json)).isEqualTo(true);
        // literals of two types are still a type error, as the CEL checker has it: dyn() says "compare by value"
        assertThatThrownBy(() -> BOOLEAN.compile("1 == 1.0")).hasMessageContaining("no matching overload");
    }

    @Test
    void jsonObjectsBehaveAsCelMaps() {
        String json = "{\"o\": {\"a\": 1, \"b\": [1, 2], \"c\": {\"d\": \"x\"}}}";
        for (String policy : List.of("input.o == {'a': 1, 'b': [1, 2], 'c': {'d': 'x'}}",
                "{'a': 1, 'b': [1, 2], 'c': {'d': 'x'}} == input.o", "input.o in [{'a': 1, 'b': [1, 2], 'c': {'d': 'x'}}]",
                "[input.o.c] == [{'d': 'x'}]", "input.o.size() == 3 && 'b' in input.o && !('z' in input.o)",
                "input.o.all(k, k in ['a', 'b', 'c'])", "input.o.map(k, k) == ['a', 'b', 'c']",
                "input.o[?'z'].orValue(0) == 0 && input.o[?'a'].orValue(0) == 1", "has(input.o.c.d) && !has(input.o.z)",
                "type(input.o) == map && input.o.c.d == 'x'")) {
            assertThat(value(BOOLEAN, policy, json)).as(policy).isEqualTo(true);
        }
        // what comes back out is plain JSON again
        assertThat(CelValues.toJson(value(PolicyEnvironment.builder().variable("input").build(), "input.o", json)))
                .isEqualTo(JSON.readTree(json).get("o"));
    }

    @Test
    void jsonNullIsCelNull() {
        String json = "{\"n\": null, \"s\": \"x\", \"l\": [null]}";
        assertThat(value(BOOLEAN, "input.n == null", json)).isEqualTo(true);
        assertThat(value(BOOLEAN, "input.s == null", json)).isEqualTo(false);
        assertThat(value(BOOLEAN, "type(input.n) == null_type", json)).isEqualTo(true);
        assertThat(value(BOOLEAN, "has(input.n) && input.l[0] == null && null in input.l", json)).isEqualTo(true);
        assertThat(value(BOOLEAN, "input.?missing.orValue(null) == input.n", json)).isEqualTo(true);
        assertThat(CelValues.toJson(value(PolicyEnvironment.builder().variable("input").build(),
                "{'a': input.n, 'b': null}", json))).isEqualTo(JSON.readTree("{\"a\": null, \"b\": null}"));
    }

    @Test
    void macrosAndExtensionsAreAvailable() {
        String json = "{\"events\": [{\"type\": \"a\"}, {\"type\": \"b\", \"digest\": \"ff\"}], \"s\": \"ABC\"}";
        assertThat(value(BOOLEAN, "input.events.exists(e, e.type == 'b' && has(e.digest))", json)).isEqualTo(true);
        assertThat(value(BOOLEAN, "input.events.all(e, has(e.digest))", json)).isEqualTo(false);
        assertThat(value(BOOLEAN, "input.events.map(e, e.type) == ['a', 'b']", json)).isEqualTo(true);
        assertThat(value(BOOLEAN, "input.events.filter(e, e.type == 'a').size() == 1", json)).isEqualTo(true);
        assertThat(value(BOOLEAN, "cel.bind(x, input.events.size() * 2, x == 4)", json)).isEqualTo(true);
        assertThat(value(BOOLEAN, "input.?missing.?deeper.orValue('none') == 'none'", json)).isEqualTo(true);
        assertThat(value(BOOLEAN, "input.s.lowerAscii() == 'abc'", json)).isEqualTo(true);
        // `in` on a map read by index: planned from the parsed tree, it dispatches on the map at run time
        assertThat(value(BOOLEAN, "'type' in input.events[0]", json)).isEqualTo(true);
    }

    @Test
    void compileErrorsAndResultTypesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> BOOLEAN.compile("input.x =="))
                .isInstanceOfSatisfying(PolicyRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(PolicyRejectedException.Reason.INVALID))
                .hasMessageContaining("ERROR: <input>:1:");
        assertThatThrownBy(() -> BOOLEAN.compile("inptu.x == 1")).hasMessageContaining("undeclared reference");
        assertThatThrownBy(() -> BOOLEAN.compile("1 + 1"))
                .isInstanceOfSatisfying(PolicyRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(PolicyRejectedException.Reason.RESULT_TYPE))
                .hasMessage("must be a bool, is int");
        assertThatThrownBy(() -> BOOLEAN.compile(null)).isInstanceOf(PolicyRejectedException.class);
    }

    @Test
    void evaluationErrorsAreFailedOutcomes() {
        assertThat(BOOLEAN.evaluate("input.missing == 1", input("{}"))).isInstanceOf(PolicyOutcome.Failed.class);
        assertThat(BOOLEAN.evaluate("input.s / 2 == 1", input("{\"s\": \"x\"}")))
                .isInstanceOf(PolicyOutcome.Failed.class);
        assertThat(BOOLEAN.evaluate("not CEL at all", input("{}")))
                .isInstanceOfSatisfying(PolicyOutcome.Failed.class,
                        failed -> assertThat(failed.detail()).startsWith("the stored policy is refused: "));
    }

    @Test
    void compiledProgramsAreCachedByTextWithinTheBound() throws Exception {
        PolicyEnvironment environment = PolicyEnvironment.builder().variable("input").cacheSize(2).build();
        CompiledPolicy first = environment.compile("input.a == 1");
        assertThat(environment.compile("input.a == 1")).isSameAs(first);
        assertThat(environment.evaluate("input.a == 1", Map.of("input", Map.of("a", 1L))))
                .isEqualTo(new PolicyOutcome.Value(true));
        assertThat(environment.cachedPrograms()).isEqualTo(1);

        environment.compile("input.a == 2");
        environment.compile("input.a == 1"); // used again: the least recently used is now `input.a == 2`
        environment.compile("input.a == 3");
        assertThat(environment.cachedPrograms()).isEqualTo(2);
        assertThat(environment.compile("input.a == 1")).isSameAs(first);
        assertThat(environment.compile("input.a == 2")).as("evicted, compiled anew").isNotNull();

        // a refused text is not cached
        assertThatThrownBy(() -> environment.compile("input.a ==")).isInstanceOf(PolicyRejectedException.class);
        assertThat(environment.cachedPrograms()).isEqualTo(2);
    }

    @Test
    void compiledPoliciesAreSharedSafelyBetweenThreads() throws Exception {
        CompiledPolicy policy = BOOLEAN.compile("input.l.all(x, x > 0)");
        List<Object> ints = new ArrayList<>();
        for (long i = 1; i <= 500; i++) {
            ints.add(i);
        }
        Map<String, Object> variables = Map.of("input", Map.of("l", ints), "request", Map.of());
        List<Thread> threads = new ArrayList<>();
        List<PolicyOutcome> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 100; i++) {
                    outcomes.add(policy.evaluate(variables));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(30));
        }
        assertThat(outcomes).hasSize(400).containsOnly(new PolicyOutcome.Value(true));
    }
}
