package dev.arca.rego;

import static dev.arca.rego.Rego.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.rego.value.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The language as OPA's policy reference describes it, one construct at a time (policies written for these tests). */
class LanguageTest {

    @Nested
    class CompleteRules {
        @Test
        void ruleWithoutValueIsTrueWhenItsBodyHolds() {
            String m = """
                    package p
                    import rego.v1
                    allow if input.user == "alice"
                    """;
            assertThat(eval(m, "data.p.allow", "{\"user\":\"alice\"}")).isEqualTo("true");
            assertThat(eval(m, "data.p.allow", "{\"user\":\"bob\"}")).isEqualTo("undefined");
        }

        @Test
        void defaultGivesTheValueWhenNoBodyHolds() {
            String m = """
                    package p
                    default allow := false
                    allow if input.ok
                    """;
            assertThat(eval(m, "data.p.allow", "{\"ok\":false}")).isEqualTo("false");
            assertThat(eval(m, "data.p.allow", "{\"ok\":true}")).isEqualTo("true");
            assertThat(eval(m, "data.p.allow", "{}")).isEqualTo("false");
        }

        @Test
        void v0SyntaxIsAccepted() {
            String m = """
                    package p
                    default allow = false
                    allow { input.n > 1; input.n < 10 }
                    deny[msg] { input.n > 5; msg := "too big" }
                    """;
            assertThat(eval(m, "data.p.allow", "{\"n\":3}")).isEqualTo("true");
            assertThat(eval(m, "data.p.deny", "{\"n\":7}")).isEqualTo("[\"too big\"]");
            assertThat(eval(m, "data.p.deny", "{\"n\":2}")).isEqualTo("[]");
        }

        @Test
        void conflictingValuesAreAnError() {
            String m = """
                    package p
                    x := 1 if input.a
                    x := 2 if input.b
                    """;
            assertThat(eval(m, "data.p.x", "{\"a\":true}")).isEqualTo("1");
            assertThatThrownBy(() -> eval(m, "data.p.x", "{\"a\":true,\"b\":true}"))
                    .isInstanceOf(RegoException.class)
                    .satisfies(e -> assertThat(((RegoException) e).code()).isEqualTo("eval_conflict_error"))
                    .hasMessageContaining("complete rules must not produce multiple outputs");
        }

        @Test
        void elseChainsPickTheFirstClauseThatHolds() {
            String m = """
                    package p
                    grade := "high" if input.score > 80
                    else := "mid" if input.score > 50
                    else := "low"
                    """;
            assertThat(eval(m, "data.p.grade", "{\"score\":90}")).isEqualTo("\"high\"");
            assertThat(eval(m, "data.p.grade", "{\"score\":60}")).isEqualTo("\"mid\"");
            assertThat(eval(m, "data.p.grade", "{\"score\":1}")).isEqualTo("\"low\"");
        }

        @Test
        void undefinedDiffersFromFalse() {
            String m = """
                    package p
                    f := false
                    t if f == false
                    u if input.missing
                    """;
            assertThat(eval(m, "data.p.f")).isEqualTo("false");
            assertThat(eval(m, "data.p.t")).isEqualTo("true");
            assertThat(eval(m, "data.p.u", "{}")).isEqualTo("undefined");
        }
    }

    @Nested
    class PartialRules {
        @Test
        void containsBuildsASet() {
            String m = """
                    package p
                    names contains n if some n in input.users
                    names contains "root"
                    """;
            assertThat(eval(m, "data.p.names", "{\"users\":[\"b\",\"a\",\"b\"]}")).isEqualTo("[\"a\",\"b\",\"root\"]");
        }

        @Test
        void refHeadsBuildObjects() {
            String m = """
                    package p
                    by_id[u.id] := u.name if some u in input.users
                    limits.cpu := 2
                    limits.memory := "1Gi"
                    """;
            assertThat(eval(m, "data.p.by_id", "{\"users\":[{\"id\":\"1\",\"name\":\"a\"},{\"id\":\"2\",\"name\":\"b\"}]}"))
                    .isEqualTo("{\"1\":\"a\",\"2\":\"b\"}");
            assertThat(eval(m, "data.p.limits")).isEqualTo("{\"cpu\":2,\"memory\":\"1Gi\"}");
            assertThat(eval(m, "data.p.limits.cpu")).isEqualTo("2");
        }

        @Test
        void objectKeyConflictIsAnError() {
            String m = """
                    package p
                    o[k] := v if { some k, v in {"a": 1}; true }
                    o["a"] := 2
                    """;
            assertThatThrownBy(() -> eval(m, "data.p.o"))
                    .satisfies(e -> assertThat(((RegoException) e).code()).isEqualTo("eval_conflict_error"));
        }

        @Test
        void wholePackageIsAnObjectOfItsRules() {
            String m = """
                    package p
                    a := 1
                    b contains 2
                    f(x) := x
                    """;
            assertThat(eval(m, "data.p")).isEqualTo("{\"a\":1,\"b\":[2]}");
        }
    }

    @Nested
    class Functions {
        @Test
        void functionsWithPatternsAndElse() {
            String m = """
                    package p
                    kind(x) := "small" if x < 10
                    else := "big"
                    first([a, _]) := a
                    r := [kind(1), kind(100), first([7, 8])]
                    """;
            assertThat(eval(m, "data.p.r")).isEqualTo("[\"small\",\"big\",7]");
        }

        @Test
        void functionConflictIsAnError() {
            String m = """
                    package p
                    f(x) := 1 if x > 0
                    f(x) := 2 if x > 1
                    r := f(5)
                    """;
            assertThatThrownBy(() -> eval(m, "data.p.r"))
                    .hasMessageContaining("functions must not produce multiple outputs for same inputs");
        }

        @Test
        void importedPackageFunctions() {
            var policy = Rego.ENGINE.compile(Map.of(
                    "lib.rego", "package lib\ndouble(x) := x * 2\n",
                    "main.rego", "package main\nimport data.lib\nr := lib.double(21)\ns := data.lib.double(1)\n"));
            assertThat(policy.evaluate("data.main.r", null, null).map(Json::write)).contains("42");
            assertThat(policy.evaluate("data.main.s", null, null).map(Json::write)).contains("2");
        }

        @Test
        void builtinCalledWithOutputArgument() {
            assertThat(eval("package p\nr if { count([1, 2], n); n == 2 }", "data.p.r")).isEqualTo("true");
        }
    }

    @Nested
    class Expressions {
        @Test
        void negation() {
            String m = """
                    package p
                    import rego.v1
                    banned := {"eve"}
                    allow if not input.user in banned
                    """;
            assertThat(eval(m, "data.p.allow", "{\"user\":\"alice\"}")).isEqualTo("true");
            assertThat(eval(m, "data.p.allow", "{\"user\":\"eve\"}")).isEqualTo("undefined");
        }

        @Test
        void unificationBindsBothSides() {
            String m = """
                    package p
                    r := [a, b] if [a, 2] = [1, b]
                    s := v if {"k": v} = input
                    """;
            assertThat(eval(m, "data.p.r")).isEqualTo("[1,2]");
            assertThat(eval("package p\nr := [x, y] if {\"a\": x, \"b\": 2} = {\"a\": 1, \"b\": y}\n", "data.p.r"))
                    .isEqualTo("[1,2]");
            assertThat(eval(m, "data.p.s", "{\"k\":\"x\"}")).isEqualTo("\"x\"");
        }

        @Test
        void aReferenceArgumentBindsTheKeyAnotherArgumentReads() {
            // the key variable is bound by iterating the reference, whichever side of the comparison it is on
            String m = """
                    package p
                    fixed contains i if {
                    	some i
                    	i == input.xs[i]
                    }
                    same contains k if input.ys[k] == k
                    """;
            assertThat(eval(m, "data.p.fixed", "{\"xs\":[2,1,5,3]}")).isEqualTo("[1,3]");
            assertThat(eval(m, "data.p.fixed", "{\"xs\":[\"a\"]}")).isEqualTo("[]");
            assertThat(eval(m, "data.p.same", "{\"ys\":{\"a\":\"a\",\"b\":\"c\"}}")).isEqualTo("[\"a\"]");
        }

        @Test
        void iterationWithSomeAndWildcards() {
            String m = """
                    package p
                    pairs contains [i, x] if some i, x in input.xs
                    keys contains k if input.obj[k]
                    any_big if input.xs[_] > 2
                    """;
            String in = "{\"xs\":[1,3],\"obj\":{\"a\":true,\"b\":false}}";
            assertThat(eval(m, "data.p.pairs", in)).isEqualTo("[[0,1],[1,3]]");
            assertThat(eval(m, "data.p.keys", in)).isEqualTo("[\"a\"]");
            assertThat(eval(m, "data.p.any_big", in)).isEqualTo("true");
        }

        @Test
        void everyRequiresAllMembers() {
            String m = """
                    package p
                    all_positive if every x in input.xs { x > 0 }
                    all_match if every k, v in input.o { startswith(v, k) }
                    """;
            assertThat(eval(m, "data.p.all_positive", "{\"xs\":[1,2]}")).isEqualTo("true");
            assertThat(eval(m, "data.p.all_positive", "{\"xs\":[1,-2]}")).isEqualTo("undefined");
            assertThat(eval(m, "data.p.all_positive", "{\"xs\":[]}")).isEqualTo("true");
            assertThat(eval(m, "data.p.all_match", "{\"o\":{\"a\":\"ab\"}}")).isEqualTo("true");
        }

        @Test
        void comprehensions() {
            String m = """
                    package p
                    doubled := [y | some x in input.xs; y := x * 2]
                    uniq := {x | some x in input.xs}
                    index := {k: v | some v, k in input.xs}
                    """;
            String in = "{\"xs\":[1,2,2]}";
            assertThat(eval(m, "data.p.doubled", in)).isEqualTo("[2,4,4]");
            assertThat(eval(m, "data.p.uniq", in)).isEqualTo("[1,2]");
            assertThat(eval(m, "data.p.index", "{\"xs\":[\"a\",\"b\"]}")).isEqualTo("{\"a\":0,\"b\":1}");
        }

        @Test
        void membershipAndArithmeticPrecedence() {
            assertThat(Rego.expr("1 + 2 * 3")).isEqualTo("7");
            assertThat(Rego.expr("(1 + 2) * 3")).isEqualTo("9");
            assertThat(Rego.expr("2 in [1, 2]")).isEqualTo("true");
            assertThat(Rego.expr("{1, 2} | {3}")).isEqualTo("[1,2,3]");
            assertThat(Rego.expr("{1, 2} & {2}")).isEqualTo("[2]");
            assertThat(Rego.expr("{1, 2} - {2}")).isEqualTo("[1]");
            assertThat(eval("package p\nr if { \"a\", 1 in {\"a\": 1} }", "data.p.r")).isEqualTo("true");
        }

        @Test
        void withReplacesInputDataAndFunctions() {
            String m = """
                    package p
                    allow if input.role == "admin"
                    limit := data.config.limit
                    now_is_zero if time.now_ns() == 0
                    checks := [a, b, c] if {
                      a := allow with input.role as "admin"
                      b := limit with data.config.limit as 5
                      c := now_is_zero with time.now_ns as 0
                    }
                    """;
            assertThat(eval(m, "data.p.checks", "{\"role\":\"guest\"}")).isEqualTo("[true,5,true]");
            assertThat(eval(m, "data.p.allow", "{\"role\":\"guest\"}")).isEqualTo("undefined");
        }

        @Test
        void aFunctionReplacedWithWithSeesTheOriginalInsideItsReplacement() {
            String m = """
                    package p
                    f(_) := 2
                    g(x) := f(x) + 1
                    r := y if y := f(1) with f as g
                    """;
            assertThat(eval(m, "data.p.r")).isEqualTo("3");
        }

        @Test
        void literalsRunOnceTheirVariablesAreBoundWhateverTheirOrder() {
            String m = """
                    package p
                    r if {
                      x > 1
                      count(xs) == 2
                      x = input.a
                      xs = [y | y := input.ys[_]; y > x]
                    }
                    s := t if { t > 0; not u == t; input.a = t; u = 0 }
                    """;
            assertThat(eval(m, "data.p.r", "{\"a\": 2, \"ys\": [1, 3, 4]}")).isEqualTo("true");
            assertThat(eval(m, "data.p.s", "{\"a\": 2}")).isEqualTo("2");
            assertThatThrownBy(() -> eval("package p\nr if { z > 1 }", "data.p.r"))
                    .hasMessageContaining("var z is unsafe");
        }

        @Test
        void ifFollowedByAnObjectTermIsOneLiteral() {
            assertThat(eval("package p\nr if {\"a\": 1}[\"a\"] == 1\n", "data.p.r")).isEqualTo("true");
            assertThat(eval("package p\nr := (1, \"b\" in [\"a\", \"b\"])\n", "data.p.r")).isEqualTo("true");
        }

        @Test
        void baseDocumentsAreReadThroughData() {
            var policy = Rego.ENGINE.compile("package p\nr := data.reference[input.k]\n");
            var data = Json.parse("{\"reference\":{\"svn\":[1,2]}}");
            assertThat(policy.evaluate("data.p.r", Json.parse("{\"k\":\"svn\"}"), data).map(Json::write)).contains("[1,2]");
        }

        @Test
        void queryReturnsEveryBinding() {
            var policy = Rego.ENGINE.compile("package p\nxs := [3, 1]\n");
            List<Map<String, dev.arca.rego.value.Value>> rows = policy.query("x := data.p.xs[i]", null, null);
            assertThat(rows).extracting(r -> Json.write(r.get("x")) + "@" + Json.write(r.get("i")))
                    .containsExactly("3@0", "1@1");
        }
    }

    @Nested
    class CompileErrors {
        @Test
        void recursionIsRefused() {
            String m = "package p\na if b\nb if a\n";
            assertThatThrownBy(() -> eval(m, "data.p.a"))
                    .satisfies(e -> assertThat(((RegoException) e).code()).isEqualTo("rego_recursion_error"));
        }

        @Test
        void unknownFunctionIsRefusedAtCompileTime() {
            assertThatThrownBy(() -> Rego.ENGINE.compile("package p\nr := no_such_fn(1)\n"))
                    .satisfies(e -> assertThat(((RegoException) e).code()).isEqualTo("rego_type_error"))
                    .hasMessageContaining("2:6")
                    .hasMessageContaining("undefined function no_such_fn");
        }

        @Test
        void twoDefaultsAreRefused() {
            assertThatThrownBy(() -> Rego.ENGINE.compile("package p\ndefault a := 1\ndefault a := 2\n"))
                    .hasMessageContaining("multiple default rules");
        }
    }
}
