package dev.arca.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.rego.value.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The compile-time checks OPA reports as {@code rego_type_error}: undefined functions, wrong arity, constant
 * arguments of a type the built-in does not accept; each with the line and column of the offending call or argument.
 */
class TypeCheckTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '\'', value = {
        // wrong arity of built-ins (one extra argument is an output and is fine)
        "x := count([1], 2, 3)~2:6~count: arity mismatch (expected 1 arguments, got 3)",
        "x := startswith(\"a\")~2:6~startswith: arity mismatch (expected 2 arguments, got 1)",
        "x if { time.now_ns(1, 2) }~2:8~time.now_ns: arity mismatch",
        // undefined functions, built-in-like or in data
        "x := strings.no_such(\"a\")~2:6~undefined function strings.no_such",
        "x := data.lib.f(1)~2:6~undefined function data.lib.f",
        // constant arguments of the wrong type
        "x := count(1)~2:12~count: invalid argument(s): operand 1 must be one of [array, object, set, string] but got number",
        "x := concat(\",\", \"ab\")~2:18~concat: invalid argument(s): operand 2 must be one of [array, set] but got string",
        "x := upper([\"a\"])~2:12~upper: invalid argument(s): operand 1 must be string but got array",
        "x := abs(\"1\")~2:10~abs: invalid argument(s): operand 1 must be number but got string",
        "x := object.get([], \"a\", 1)~2:17~object.get: invalid argument(s): operand 1 must be object but got array",
        "x := sprintf(\"%v\", {\"a\": 1})~2:20~sprintf: invalid argument(s): operand 2 must be array but got object",
        "x := {1} | [2]~2:12~or: invalid argument(s): operand 2 must be set but got array",
        "x := io.jwt.verify_rs256(\"t\", {})~2:31~io.jwt.verify_rs256: invalid argument(s): operand 2 must be string",
        "x := [y | y := lower(true)]~2:22~lower: invalid argument(s): operand 1 must be string but got boolean",
        "x if { every y in [1] { startswith(y, 2) } }~2:39~startswith: invalid argument(s): operand 2 must be string",
        "f(a) := a\\nx := f(1, 2, 3)~3:6~data.t.f: arity mismatch (expected 1 arguments, got 3)",
    })
    void refusedAtCompileTimeWithLineAndColumn(String rules, String at, String message) {
        RegoException e = Rego.compileError("package t\n" + rules.replace("\\n", "\n") + "\n");
        assertThat(e.code()).isEqualTo("rego_type_error");
        assertThat(e.location()).hasToString(at);
        assertThat(e.getMessage()).contains(message);
    }

    @Test
    void checksReachRulesThatAreNeverEvaluated() {
        // OPA refuses the module even though nothing queries the bad rule
        RegoException e = Rego.compileError("package t\nallow := true\nunused if { x := count(1); x > 0 }\n");
        assertThat(e.location()).hasToString("3:24");
    }

    @Test
    void queriesAreCheckedToo() {
        var policy = Rego.ENGINE.compile("package t\nallow := true\n");
        assertThatThrownBy(() -> policy.query("x := upper(1)", null, null))
                .isInstanceOfSatisfying(RegoException.class, e -> assertThat(e.code()).isEqualTo("rego_type_error"));
        assertThatThrownBy(() -> policy.query("data.t.nope(1)", null, null))
                .hasMessageContaining("undefined function data.t.nope");
    }

    @Test
    void typesThatDependOnDataAreLeftToRunTime() {
        // the argument's type is only known when input arrives: undefined (or an eval_type_error when strict)
        assertThat(Rego.eval("package t\nx := upper(input.v)", "data.t.x", "{\"v\":1}")).isEqualTo("undefined");
        assertThat(Rego.eval("package t\nx := upper(input.v)", "data.t.x", "{\"v\":\"a\"}")).isEqualTo("\"A\"");
        // well-typed constants, output arguments, composite literals with variables, functions of other modules
        assertThat(Rego.expr("count([1, 2])")).isEqualTo("2");
        assertThat(Rego.eval("package t\nx := n if count({1, 2}, n)", "data.t.x")).isEqualTo("2");
        assertThat(Rego.eval("package t\nx := concat(\"-\", [y | some y in input])", "data.t.x", "[\"a\",\"b\"]"))
                .isEqualTo("\"a-b\"");
        var policy = Rego.ENGINE.compile(java.util.Map.of(
                "a.rego", "package a\nimport data.lib\nx := lib.twice(2)\n",
                "lib.rego", "package lib\ntwice(n) := n * 2\n"));
        assertThat(policy.evaluate("data.a.x", null, null).map(Json::write)).contains("4");
        // print takes any number of arguments of any type
        assertThat(Rego.eval("package t\nx if print(1, [2], {\"a\": 3}, set())", "data.t.x")).isEqualTo("true");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '\'', value = {
        // local variables take the type of what they are assigned
        "r if { x := 1; count(x) > 0 }~2:22~count: invalid argument(s): operand 1 must be one of [array, object, set, string] but got number",
        "r if { s := concat(\",\", [\"a\"]); abs(s) > 0 }~2:37~abs: invalid argument(s): operand 1 must be number but got string",
        "r if { count([1], n); upper(n) }~2:29~upper: invalid argument(s): operand 1 must be string but got number",
        "r if { xs := [y | some y in input.a]; lower(xs) }~2:45~lower: invalid argument(s): operand 1 must be string but got array",
        "r if { x = \"a\"; y := x; abs(y) }~2:29~abs: invalid argument(s): operand 1 must be number but got string",
        // rules and functions whose every definition has one type
        "p := 1\\nq if upper(p) == \"A\"~3:12~upper: invalid argument(s): operand 1 must be string but got number",
        "default n := 0\\nn := 1 if input.a\\nq if startswith(n, \"x\")~4:17~startswith: invalid argument(s): operand 1 must be string but got number",
        "s contains 1\\nq if upper(s)~3:12~upper: invalid argument(s): operand 1 must be string but got set",
        "f(x) := x + 1\\nq if upper(f(1))~3:12~upper: invalid argument(s): operand 1 must be string but got number",
        "p := data.t.z\\nz := \"s\"\\nq if abs(p)~4:10~abs: invalid argument(s): operand 1 must be number but got string",
        // a constant key into a local object whose keys are known
        "r if { x := {\"foo\": 1}; x.bar == 1 }~2:25~undefined ref: x.bar",
        "r if { x := {\"a\": {\"b\": 1}}; x.a.c == 1 }~2:30~undefined ref: x.a.c",
    })
    void inferredTypesAreCheckedAtCompileTime(String rules, String at, String message) {
        RegoException e = Rego.compileError("package t\n" + rules.replace("\\n", "\n") + "\n");
        assertThat(e.code()).isEqualTo("rego_type_error");
        assertThat(e.location()).hasToString(at);
        assertThat(e.reason()).isEqualTo(message);
    }

    @Test
    void whatInferenceCannotKnowIsLeftToRunTime() {
        // input and data, rules of several types, rules a with may replace: any, nothing reported
        assertThat(Rego.eval("package t\nr := upper(x) if x := input.a", "data.t.r", "{\"a\": \"b\"}"))
                .isEqualTo("\"B\"");
        String mixed = "package t\np := 1 if input.a\np := \"s\" if input.b\nq := upper(p)\n";
        assertThat(Rego.eval(mixed, "data.t.q", "{\"b\": true}")).isEqualTo("\"S\"");
        String replaced = "package t\np := 1\nq := upper(p)\nt := v if v := q with data.t.p as \"a\"\n";
        assertThat(Rego.eval(replaced, "data.t.t")).isEqualTo("\"A\"");
        String mocked = "package t\nq := upper(count([1]))\nt := v if v := q with count as \"x\"\n";
        assertThat(Rego.eval(mocked, "data.t.t")).isEqualTo("\"X\"");
        // a comprehension's own x, a known key, an iteration over a known object
        assertThat(Rego.expr("[upper(x) | x := \"a\"] if x := 1")).isEqualTo("[\"A\"]");
        assertThat(Rego.eval("package t\nr if { x := {\"a\": {\"b\": 1}}; x.a.b == 1 }", "data.t.r")).isEqualTo("true");
        assertThat(Rego.eval("package t\nr := [k | x := {\"a\": 1}; x[k]]", "data.t.r")).isEqualTo("[\"a\"]");
        // a function's arguments are any
        assertThat(Rego.eval("package t\nf(x) := upper(x)\nr := f(\"a\")", "data.t.r")).isEqualTo("\"A\"");
    }
}
