package dev.arca.rego;

import static dev.arca.rego.Rego.expr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.rego.value.Json;
import org.junit.jupiter.api.Test;

/**
 * {@code strings.render_template}: the part of Go's text/template that docs/rego.md lists, with the output Go gives
 * for the same template over the same JSON variables, and a clear {@code eval_builtin_error} for the rest.
 */
class RenderTemplateTest {
    private static final RegoEngine STRICT = RegoEngine.builder().strictBuiltinErrors(true).build();

    private static String render(String template, String varsJson) {
        return Json.parse(STRICT.compile("package t\nx := strings.render_template(input.t, input.v)\n")
                .evaluate("data.t.x", Json.parse("{\"t\": " + Json.write(new dev.arca.rego.value.StringValue(template))
                        + ", \"v\": " + varsJson + "}"), null).orElseThrow().toString()).toJava().toString();
    }

    private static void refused(String template, String varsJson, String message) {
        assertThatThrownBy(() -> render(template, varsJson)).as(template).isInstanceOf(RegoException.class)
                .hasMessageContaining("eval_builtin_error").hasMessageContaining(message);
    }

    @Test
    void fieldsAndValuesPrintAsGoPrintsJson() {
        assertThat(expr("strings.render_template(\"{{.name}} is {{.age}}\", {\"name\": \"ann\", \"age\": 3})")).isEqualTo("\"ann is 3\"");
        assertThat(render("{{.a.b}}|{{.list}}|{{.obj}}|{{.n}}|{{.f}}|{{.t}}", "{\"a\": {\"b\": \"deep\"}, \"list\": [1, \"x\", true],"
                + " \"obj\": {\"k\": 1, \"j\": [2]}, \"n\": null, \"f\": 1.5, \"t\": false}"))
                .isEqualTo("deep|[1 x true]|map[j:[2] k:1]|<no value>|1.5|false");
        assertThat(render("{{$}}", "{\"a\": 1}")).isEqualTo("map[a:1]");
    }

    @Test
    void conditionalsFollowGoTruth() {
        String t = "{{if .a}}A{{else if .b}}B{{else}}C{{end}}";
        assertThat(render(t, "{\"a\": true, \"b\": true}")).isEqualTo("A");
        assertThat(render(t, "{\"a\": \"\", \"b\": [1]}")).isEqualTo("B");
        assertThat(render(t, "{\"a\": [], \"b\": {}}")).isEqualTo("C");
        // zero is empty, as Go's ints (a range index) and floats are
        assertThat(render(t, "{\"a\": 0, \"b\": 0.5}")).isEqualTo("B");
        assertThat(render("{{range $i, $n := .xs}}{{if $i}},{{end}}{{$n}}{{end}}", "{\"xs\": [\"a\", \"b\"]}")).isEqualTo("a,b");
        assertThat(render("{{with .u}}{{.name}}{{else}}none{{end}}", "{\"u\": {\"name\": \"bo\"}}")).isEqualTo("bo");
        assertThat(render("{{with .u}}{{.name}}{{else}}none{{end}}", "{\"u\": null}")).isEqualTo("none");
    }

    @Test
    void rangeIteratesArraysAndObjectsWithVariables() {
        assertThat(render("{{range .xs}}[{{.}}]{{end}}", "{\"xs\": [1, 2, 3]}")).isEqualTo("[1][2][3]");
        assertThat(render("{{range $i, $x := .xs}}{{$i}}={{$x}} {{end}}", "{\"xs\": [\"a\", \"b\"]}")).isEqualTo("0=a 1=b ");
        assertThat(render("{{range $k, $v := .m}}{{$k}}:{{$v}};{{end}}", "{\"m\": {\"b\": 2, \"a\": 1}}")).isEqualTo("a:1;b:2;");
        assertThat(render("{{range .xs}}x{{else}}empty{{end}}", "{\"xs\": []}")).isEqualTo("empty");
        assertThat(render("{{range .xs}}{{if eq . 3}}{{break}}{{end}}{{if eq . 1}}{{continue}}{{end}}{{.}}{{end}}", "{\"xs\": [1, 2, 3, 4]}"))
                .isEqualTo("2");
        assertThat(render("{{$n := len .xs}}{{range .xs}}{{$n}}{{end}}", "{\"xs\": [1, 2]}")).isEqualTo("22");
    }

    @Test
    void pipelinesAndFunctions() {
        assertThat(render("{{.x | printf \"%s!\"}}", "{\"x\": \"hi\"}")).isEqualTo("hi!");
        assertThat(render("{{printf \"%d-%s\" .n .s}}", "{\"n\": 7, \"s\": \"z\"}")).isEqualTo("7-z");
        assertThat(render("{{index .m \"k\"}} {{index .xs 1}} {{index .m \"none\"}}", "{\"m\": {\"k\": \"v\"}, \"xs\": [5, 6]}"))
                .isEqualTo("v 6 <no value>");
        assertThat(render("{{len .s}} {{len .xs}} {{len .m}}", "{\"s\": \"héllo\", \"xs\": [1], \"m\": {}}")).isEqualTo("6 1 0");
        assertThat(render("{{and .a .b}} {{or .a .b}} {{not .a}}", "{\"a\": \"x\", \"b\": \"\"}")).isEqualTo(" x false");
        assertThat(render("{{if and (gt .n 1) (le .n 5) (ne .s \"no\")}}in{{end}}", "{\"n\": 3, \"s\": \"yes\"}")).isEqualTo("in");
        assertThat(render("{{print 1 2 \"a\" \"b\" 3}}|{{println .a .n}}", "{\"a\": \"x\", \"n\": null}")).isEqualTo("1 2ab3|x <nil>\n");
        assertThat(render("{{/* note */}}a  {{- \" b \" -}}  c", "{}")).isEqualTo("a b c");
        assertThat(render("{{`raw {{x}}`}}", "{}")).isEqualTo("raw {{x}}");
    }

    @Test
    void aMissingKeyIsUndefinedNotAnError() {
        assertThat(render("test {{.foo}} {{.bar}} {{.baz}}", "{\"baz\": 1}")).isEqualTo("test <undefined> <undefined> 1");
        assertThat(render("{{.a.b.c}}|{{if .a.b}}yes{{else}}no{{end}}", "{}")).isEqualTo("<undefined>|no");
    }

    @Test
    void unsupportedLanguageAndWrongTypesAreErrors() {
        refused("{{.s.x}}", "{\"s\": \"str\"}", "can't evaluate field x in type string");
        refused("{{define \"x\"}}y{{end}}", "{}", "\"define\" is not supported");
        refused("{{template \"x\"}}", "{}", "\"template\" is not supported");
        refused("{{html .x}}", "{\"x\": 1}", "\"html\" is not supported");
        refused("{{upper .x}}", "{\"x\": \"a\"}", "function \"upper\" not defined");
        refused("{{if .x}}open", "{\"x\": 1}", "unexpected EOF");
        refused("{{.x", "{\"x\": 1}", "unclosed action");
        refused("{{end}}", "{}", "unexpected {{end}}");
        refused("{{eq .s 1}}", "{\"s\": \"1\"}", "incompatible types for comparison");
        refused("{{range .n}}{{end}}", "{\"n\": 5}", "range can't iterate over 5");
        refused("{{break}}", "{}", "outside {{range}}");
    }
}
