package dev.arca.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.rego.syntax.Module;
import dev.arca.rego.syntax.Parser;
import dev.arca.rego.syntax.RegoParseException;
import dev.arca.rego.syntax.Rule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ParserTest {

    @Test
    void parsesPackageImportsAndRuleKinds() {
        Module m = Parser.module("""
                package a.b["c-d"]
                import rego.v1
                import data.lib.x as y
                import input.request
                default allow := false
                allow if { true }
                names contains n if { n := "x" }
                obj[k] := 1 if { k := "a" }
                f(x) := x + 1
                old[x] { x := 1 }
                """);
        assertThat(m.packagePath()).containsExactly("a", "b", "c-d");
        assertThat(m.imports()).extracting(Module.Import::alias).containsExactly(null, "y", null);
        assertThat(m.rules()).extracting(Rule::kind).containsExactly(Rule.Kind.SINGLE, Rule.Kind.SINGLE,
                Rule.Kind.MULTI, Rule.Kind.SINGLE, Rule.Kind.FUNCTION, Rule.Kind.MULTI);
        assertThat(m.rules().get(0).isDefault()).isTrue();
    }

    @Test
    void stringsRawStringsAndNumbers() {
        assertThat(Rego.expr("\"a\\tb\\u0041\"")).isEqualTo("\"a\\tbA\"");
        assertThat(Rego.expr("`raw\\n`")).isEqualTo("\"raw\\\\n\"");
        assertThat(Rego.expr("1.50e2")).isEqualTo("150");
        assertThat(Rego.expr("-3")).isEqualTo("-3");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "allow if {|1:1",
        "package p\\nallow if { x := }|2:17",
        "package p\\nx := \"unterminated|2:6",
        "package p\\nx := 1 +* 2|2:9",
        "package p\\nx := ^|2:6",
        "package p\\nimport foo.bar|2:1",
        "package p\\nx := [1, 2|2:11",
    })
    void errorsCarryLineAndColumn(String text, String where) {
        assertThatThrownBy(() -> Parser.module(text.replace("\\n", "\n")))
                .isInstanceOf(RegoParseException.class)
                .satisfies(e -> {
                    var pe = (RegoParseException) e;
                    assertThat(pe.code()).isEqualTo("rego_parse_error");
                    assertThat(pe.location().toString()).isEqualTo(where);
                });
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "package p\nx := " + "[".repeat(5000) + "]".repeat(5000);
        assertThatThrownBy(() -> Parser.module(deep)).isInstanceOf(RegoParseException.class)
                .hasMessageContaining("nesting too deep");
    }

    @Test
    void newlineSeparatesExpressionsButNotInsideBrackets() {
        String m = """
                package p
                r if {
                  x := [1,
                        2]
                  count(x) == 2
                  y := 1 +
                    2
                  y == 3
                }
                """;
        assertThat(Rego.eval(m, "data.p.r")).isEqualTo("true");
    }

    @Test
    void callArgumentsMayEndWithATrailingComma() {
        // one argument per line, the last followed by a comma, as Go-style formatting writes long calls
        String m = """
                package p
                x := concat(
                  "-",
                  ["a", "b"],
                )
                y := sprintf("%d", [1],)
                f(a, b) := a + b
                z := f(1, 2,)
                """;
        assertThat(Rego.eval(m, "data.p")).isEqualTo("{\"x\":\"a-b\",\"y\":\"1\",\"z\":3}");
        // a comma alone is still not an argument list
        assertThatThrownBy(() -> Parser.module("package p\nx := count(,)")).isInstanceOf(RegoParseException.class);
    }
}
