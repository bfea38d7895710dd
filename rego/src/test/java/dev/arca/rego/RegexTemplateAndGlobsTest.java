package dev.arca.rego;

import static dev.arca.rego.Rego.expr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code regex.template_match} and {@code regex.globs_match}, as OPA's built-in reference describes them. */
class RegexTemplateAndGlobsTest {

    @Test
    void templateMatchQuotesTheTextAndMatchesTheDelimitedExpressions() {
        assertThat(expr("regex.template_match(\"urn:foo:{.*}\", \"urn:foo:bar:baz\", \"{\", \"}\")")).isEqualTo("true");
        assertThat(expr("regex.template_match(\"urn:foo:{.*}\", \"urn:fox:bar\", \"{\", \"}\")")).isEqualTo("false");
        // the literal part is literal: its dot is not "any character"
        assertThat(expr("regex.template_match(\"a.b/<[0-9]+>\", \"axb/12\", \"<\", \">\")")).isEqualTo("false");
        assertThat(expr("regex.template_match(\"a.b/<[0-9]+>\", \"a.b/12\", \"<\", \">\")")).isEqualTo("true");
        // the whole value must match, and delimiters nest inside a delimited part
        assertThat(expr("regex.template_match(\"id-{[a-z]{3}}\", \"id-abcd\", \"{\", \"}\")")).isEqualTo("false");
        assertThat(expr("regex.template_match(\"id-{[a-z]{3}}\", \"id-abc\", \"{\", \"}\")")).isEqualTo("true");
        assertThat(expr("regex.template_match(\"plain\", \"plain\", \"{\", \"}\")")).isEqualTo("true");
    }

    @Test
    void templateMatchRefusesUnbalancedDelimiters() {
        var engine = RegoEngine.builder().strictBuiltinErrors(true).build();
        assertThatThrownBy(() -> engine.compile("package t\nx := regex.template_match(\"a{.*\", input, \"{\", \"}\")\n")
                .evaluate("data.t.x", dev.arca.rego.value.Json.parse("\"a\""), null))
                .isInstanceOf(RegoException.class).hasMessageContaining("unbalanced");
        assertThatThrownBy(() -> engine.compile("package t\nx := regex.template_match(\"a{(}\", input, \"{\", \"}\")\n")
                .evaluate("data.t.x", dev.arca.rego.value.Json.parse("\"a\""), null))
                .isInstanceOf(RegoException.class).hasMessageContaining("regexp");
    }

    @Test
    void globsMatchAnswersWhetherTheGlobsShareANonEmptyString() {
        assertThat(expr("regex.globs_match(\"a.a.\", \".b.b\")")).isEqualTo("true");        // "abab"
        assertThat(expr("regex.globs_match(\"[a-z]+\", \"[0-9]*\")")).isEqualTo("false");
        assertThat(expr("regex.globs_match(\"foo.*bar\", \"foo[0-9]+bar\")")).isEqualTo("true");
        assertThat(expr("regex.globs_match(\"foo.*bar\", \"fo+baz\")")).isEqualTo("false");
        // only the empty string is common: not a match
        assertThat(expr("regex.globs_match(\"a*\", \"b*\")")).isEqualTo("false");
        // escapes make symbols literal; other characters are literal anyway
        assertThat(expr("regex.globs_match(\"a\\\\.\", \"ab\")")).isEqualTo("false");
        assertThat(expr("regex.globs_match(\"a\\\\.\", \"a.\")")).isEqualTo("true");
        assertThat(expr("regex.globs_match(\"a?(b|c)\", \"a?(b|c)\")")).isEqualTo("true");
        assertThat(expr("regex.globs_match(\"a?\", \"ab\")")).isEqualTo("false");
    }

    @Test
    void globsMatchStaysPolynomialOnManyStars() {
        // hundreds of stars on both sides: a product of two small automata, not a determinised blow-up
        String anything = ".*".repeat(255);
        String letters = "[a-c]*".repeat(85);
        String bs = "b.*".repeat(170);
        assertThat(expr("regex.globs_match(\"" + anything + "\", \"" + letters + "\")")).isEqualTo("true");
        assertThat(expr("regex.globs_match(\"" + letters + "\", \"" + bs + "\")")).isEqualTo("true");
        assertThat(expr("regex.globs_match(\"" + letters + "\", \"" + bs.replace('b', 'z') + "\")")).isEqualTo("false");
        assertThat(expr("regex.globs_match(\"" + ".*".repeat(257) + "\", \"a\")")).isEqualTo("undefined");
    }

    @Test
    void globsMatchRefusesMalformedGlobs() {
        var engine = RegoEngine.builder().strictBuiltinErrors(true).build();
        for (String glob : new String[] {"[a-z", "*a", "a[]", "a\\", "[z-a]", "a**"}) {
            String module = "package t\nx := regex.globs_match(input, \"a\")\n";
            assertThatThrownBy(() -> engine.compile(module).evaluate("data.t.x",
                    new dev.arca.rego.value.StringValue(glob), null))
                    .as(glob).isInstanceOf(RegoException.class).hasMessageContaining("glob");
        }
    }
}
