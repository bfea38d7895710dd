package dev.arca.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * OPA's safety rule, checked when the policy compiles (written from OPA's policy reference and its error guide): every
 * variable of a rule head, a negated expression, a built-in's input, a {@code with} value or a comprehension head must
 * be bound by a positive expression of the body; bodies are reordered so that they can run.
 */
class SafetyTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '\'', value = {
        // a name that is neither a rule nor bound (the error guide's user_is_admin)
        "allow if user_is_admin~2:10~var user_is_admin is unsafe",
        // only a negation mentions x (the error guide's `not p[x] == 0`)
        "p := {\"blue\": 1, \"red\": 0}\\nr contains x if {\\n  not p[x] == 0\\n}~4:3~var x is unsafe",
        // a wildcard in a negation is a variable nothing binds either
        "r if not input.xs[_] == 1~2:6~var _ is unsafe",
        // a built-in's input
        "r := x if { x > 1 }~2:13~var x is unsafe",
        "r if { y := concat(\",\", z) }~2:8~var z is unsafe",
        // a rule head (reported at the rule)
        "r[x] := 1~2:1~var x is unsafe",
        "r := x if { input.a }~2:1~var x is unsafe",
        "r contains y if { input.a }~2:1~var y is unsafe",
        "f(a) := b if { a > 0 }~2:1~var b is unsafe",
        // a comprehension head, and a variable inside a comprehension nothing binds
        "r := [y | input.a[_]]~2:6~var y is unsafe",
        "r := [y | y := input.a[_]; y > m]~2:28~var m is unsafe",
        // a with value
        "r if { input.a with input as v }~2:8~var v is unsafe",
        // an every body's outer variable
        "r if { every v in input.xs { v > limit } }~2:30~var limit is unsafe",
        // unification of two unbound variables
        "r if { x = y }~2:8~var x is unsafe",
    })
    void unsafeVariablesAreRefusedAtCompileTime(String rules, String at, String message) {
        RegoException e = Rego.compileError("package t\n" + rules.replace("\\n", "\n") + "\n");
        assertThat(e.code()).isEqualTo("rego_unsafe_var_error");
        assertThat(e.location()).hasToString(at);
        assertThat(e.reason()).isEqualTo(message);
    }

    @Test
    void unusedRulesAreCheckedToo() {
        // OPA refuses the module whether or not anything queries the unsafe rule
        RegoException e = Rego.compileError("package t\nallow := true\nunused if { count(nothing) > 0 }\n");
        assertThat(e.code()).isEqualTo("rego_unsafe_var_error");
        assertThat(e.location()).hasToString("3:13");
    }

    @Test
    void queriesAreCheckedBeforeTheyRun() {
        var policy = Rego.ENGINE.compile("package t\nallow := true\n");
        assertThatThrownBy(() -> policy.query("x > 1", null, null))
                .isInstanceOfSatisfying(RegoException.class, e -> {
                    assertThat(e.code()).isEqualTo("rego_unsafe_var_error");
                    assertThat(e.reason()).isEqualTo("var x is unsafe");
                });
        // a query's variables bound in any order are fine
        assertThat(policy.query("x > 1; x = 2", null, null)).hasSize(1);
    }

    @Test
    void bodiesAreReorderedSoThatTheyCanRun() {
        String m = """
                package t
                r := x if { x > 1; x = input.a }
                s := n if { n := count(ys); ys = [y | some y in input.ys; y > min]; min = 1 }
                f(x) := y if { y > 0; y = x + 1 }
                g(v) := v if { not v == bad; bad = 3 }
                """;
        assertThat(Rego.eval(m, "data.t.r", "{\"a\": 2}")).isEqualTo("2");
        assertThat(Rego.eval(m, "data.t.r", "{\"a\": 1}")).isEqualTo("undefined");
        // the comprehension waits for min, bound after it in the text
        assertThat(Rego.eval(m, "data.t.s", "{\"ys\": [0, 1, 2, 3]}")).isEqualTo("2");
        assertThat(Rego.eval(m + "q := f(1)\n", "data.t.q")).isEqualTo("2");
        assertThat(Rego.eval(m + "q := g(2)\n", "data.t.q")).isEqualTo("2");
        assertThat(Rego.eval(m + "q := g(3)\n", "data.t.q")).isEqualTo("undefined");
    }

    @Test
    void safeFormsThatLookUnsafeAreAccepted() {
        String m = """
                package t
                xs := {"a", "b", "c"}
                ones := ["1", "1"]
                # a comprehension binds its own x even though the body binds an x later
                r := x if {
                  y := {x | xs[x]}
                  x := count(y)
                }
                # references in a head bind their keys
                f(x) := ones[_] == x
                # a negation whose variables the body binds elsewhere
                g contains v if { some v in input.vs; not v in {"b"} }
                # a call's output argument
                h := n if count(xs, n)
                # with values bound before
                w := v if { v := 7; k := input.a with input.a as v; k == 7 }
                # some x declares without binding; the iteration binds
                s contains x if { some x; input.m[x] }
                """;
        assertThat(Rego.eval(m, "data.t.r")).isEqualTo("3");
        assertThat(Rego.eval(m + "q := f(\"1\")\n", "data.t.q")).isEqualTo("true");
        assertThat(Rego.eval(m, "data.t.g", "{\"vs\": [\"a\", \"b\"]}")).isEqualTo("[\"a\"]");
        assertThat(Rego.eval(m, "data.t.h")).isEqualTo("3");
        assertThat(Rego.eval(m, "data.t.w")).isEqualTo("7");
        assertThat(Rego.eval(m, "data.t.s", "{\"m\": {\"k\": 1}}")).isEqualTo("[\"k\"]");
    }
}
