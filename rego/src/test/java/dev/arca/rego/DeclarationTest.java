package dev.arca.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code :=} and {@code some} declare a variable once per scope (OPA's {@code rego_compile_error}s, written from its
 * policy reference): a second declaration, or a declaration of a variable the scope already used, is refused when the
 * policy compiles, with the line and column of the offending expression. Rules defined in ways that conflict are
 * refused too ({@code rego_type_error}), at their first definition, naming the document as OPA names it.
 */
class DeclarationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '\'', value = {
        "r if { x := 1; x := 2 }~2:16~var x assigned above",
        "r if {\\n  x = input.a\\n  x := 2\\n}~4:3~var x referenced above",
        "r if { input.a[x]; x := 1 }~2:20~var x referenced above",
        "r if { some x; x := 1 }~2:16~var x declared above",
        "r if { some i; some i, x in [] }~2:16~var i declared above",
        "r if { x := 1; some x in [1] }~2:16~var x assigned above",
        "r if { [x, y] := [1, 2]; y := 3 }~2:26~var y assigned above",
        "f(x) := y if { x := 1; y := 2 }~2:16~arg x redeclared",
        "r if { not x := 1 }~2:8~cannot assign vars inside negated expression",
        "r := [1 | y = input.a; y := 2]~2:24~var y referenced above",
    })
    void redeclarationsAreRefused(String rules, String at, String message) {
        RegoException e = Rego.compileError("package t\n" + rules.replace("\\n", "\n") + "\n");
        assertThat(e.code()).isEqualTo("rego_compile_error");
        assertThat(e.location()).hasToString(at);
        assertThat(e.reason()).isEqualTo(message);
    }

    @Test
    void queriesAreCheckedToo() {
        var policy = Rego.ENGINE.compile("package t\nallow := true\n");
        assertThatThrownBy(() -> policy.query("x := 1; x := 2", null, null))
                .isInstanceOfSatisfying(RegoException.class, e -> {
                    assertThat(e.code()).isEqualTo("rego_compile_error");
                    assertThat(e.reason()).isEqualTo("var x assigned above");
                });
    }

    @Test
    void eachScopeDeclaresItsOwn() {
        String m = """
                package t
                # the same name in two rules, in two clauses of an else chain
                a := x if { x := 1 }
                b := x if { x := 2 }
                c := x if { false; x := 1 } else := x if { x := 3 }
                # a comprehension's := declares a new variable that shadows the outer one
                d := [x, ys] if { x := 1; ys := [x | x := 2] }
                # so does some ... in, and every's variables
                e := ys if { x := 1; ys := [x | some x in [5, 6]] }
                g if { x := 1; every x in [7] { x == 7 } }
                # a complete rule defined several times with := (one value where they hold)
                h := 1 if input.a
                h := 1 if input.b
                """;
        assertThat(Rego.eval(m, "data.t.a")).isEqualTo("1");
        assertThat(Rego.eval(m, "data.t.c")).isEqualTo("3");
        assertThat(Rego.eval(m, "data.t.d")).isEqualTo("[1,[2]]");
        assertThat(Rego.eval(m, "data.t.e")).isEqualTo("[5,6]");
        assertThat(Rego.eval(m, "data.t.g")).isEqualTo("true");
        assertThat(Rego.eval(m, "data.t.h", "{\"a\": true, \"b\": true}")).isEqualTo("1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '\'', value = {
        // the error guide's examples: a rule both single- and multi-value, a function of two arities
        "deny if input.a\\ndeny contains r if { r := \"x\" }~2:1~conflicting rules data.t.deny found",
        "find(arr, item) := item if item in arr\\nfind(arr, item, d) := d if not item in arr~2:1~conflicting rules data.t.find found",
        "f(x) := 1\\nf := 2~2:1~conflicting rules data.t.f found",
        "default allow := false\\nallow if input.a\\ndefault allow := false~2:1~multiple default rules data.t.allow found",
        "p := 1\\np.q := 2~2:1~rule data.t.p conflicts with [data.t.p.q]",
    })
    void conflictingDefinitionsAreRefusedAtTheFirst(String rules, String at, String message) {
        RegoException e = Rego.compileError("package t\n" + rules.replace("\\n", "\n") + "\n");
        assertThat(e.code()).isEqualTo("rego_type_error");
        assertThat(e.location()).hasToString(at);
        assertThat(e.reason()).isEqualTo(message);
    }
}
