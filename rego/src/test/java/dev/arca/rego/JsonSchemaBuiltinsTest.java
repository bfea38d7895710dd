package dev.arca.rego;

import static dev.arca.rego.Rego.expr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code json.verify_schema} and {@code json.match_schema} (drafts 4, 6, 7) with OPA's result shapes. */
class JsonSchemaBuiltinsTest {
    private static final String PERSON = "{\"type\": \"object\", \"required\": [\"name\"], \"properties\": "
            + "{\"name\": {\"type\": \"string\"}, \"age\": {\"type\": \"integer\", \"minimum\": 0}}}";

    @Test
    void verifySchemaAcceptsSchemasAsObjectsOrText() {
        assertThat(expr("json.verify_schema(" + PERSON + ")")).isEqualTo("[true,null]");
        assertThat(expr("json.verify_schema(json.marshal(" + PERSON + "))")).isEqualTo("[true,null]");
        assertThat(expr("json.verify_schema({\"$schema\": \"http://json-schema.org/draft-04/schema#\", \"type\": \"string\"})"))
                .isEqualTo("[true,null]");
    }

    @Test
    void verifySchemaExplainsWhatIsWrong() {
        assertThat(expr("json.verify_schema({\"type\": \"nonsense\"})[0]")).isEqualTo("false");
        assertThat(expr("json.verify_schema({\"type\": \"nonsense\"})[1]")).contains("NOT VALID -- given: /nonsense/");
        assertThat(expr("json.verify_schema({\"minLength\": -1})[1]")).contains("invalid schema");
        assertThat(expr("json.verify_schema({\"minLength\": -1})[0]")).isEqualTo("false");
        assertThat(expr("json.verify_schema(\"{not json\")[0]")).isEqualTo("false");
        assertThat(expr("json.verify_schema({\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"})[1]"))
                .contains("unsupported $schema");
        // nothing is fetched from the network
        assertThat(expr("json.verify_schema({\"$ref\": \"http://127.0.0.1:9/schema.json\"})[0]")).isEqualTo("false");
    }

    @Test
    void matchSchemaGivesTrueAndNoErrorsForAMatchingDocument() {
        assertThat(expr("json.match_schema({\"name\": \"ann\", \"age\": 3}, " + PERSON + ")")).isEqualTo("[true,[]]");
        assertThat(expr("json.match_schema(\"{\\\"name\\\": \\\"ann\\\"}\", " + PERSON + ")")).isEqualTo("[true,[]]");
    }

    @Test
    void matchSchemaListsErrorsWithOpaFields() {
        String missing = expr("json.match_schema({\"age\": 3}, " + PERSON + ")");
        assertThat(missing).startsWith("[false,[{\"desc\":").contains("\"field\":\"(root)\"").contains("\"type\":\"required\"")
                .contains("\"error\":\"(root): ").contains("name");
        String nested = expr("json.match_schema({\"name\": 1, \"age\": -1}, " + PERSON + ")[1]");
        assertThat(nested).contains("\"field\":\"name\"").contains("\"type\":\"invalid_type\"")
                .contains("\"field\":\"age\"").contains("\"type\":\"number_gte\"");
        assertThat(expr("count(json.match_schema({\"name\": 1, \"age\": -1}, " + PERSON + ")[1])")).isEqualTo("2");
        assertThat(expr("json.match_schema({\"a\": [1, \"x\"]}, {\"properties\": {\"a\": {\"items\": {\"type\": \"number\"}}}})[1][0].field"))
                .isEqualTo("\"a.1\"");
    }

    @Test
    void matchSchemaDescribesTheCommonChecksInOpasWords() {
        String schema = "{\"properties\": {\"id\": {\"type\": \"integer\"}}, \"required\": [\"id\"]}";
        assertThat(expr("json.match_schema({\"id\": \"foo\"}, " + schema + ")")).isEqualTo("[false,[{\"desc\":"
                + "\"Invalid type. Expected: integer, given: string\",\"error\":\"id: Invalid type. Expected: integer, given: string\","
                + "\"field\":\"id\",\"type\":\"invalid_type\"}]]");
        assertThat(expr("json.match_schema({}, " + schema + ")[1][0]")).isEqualTo("{\"desc\":\"id is required\","
                + "\"error\":\"(root): id is required\",\"field\":\"(root)\",\"type\":\"required\"}");
        assertThat(expr("json.match_schema({\"id\": 1, \"x\": 2}, {\"additionalProperties\": false, \"properties\": {\"id\": {}}})[1][0].desc"))
                .isEqualTo("\"Additional property x is not allowed\"");
        assertThat(expr("json.match_schema({\"value\": \"allow\"}, {\"enum\": []})[0]")).isEqualTo("false");
    }

    @Test
    void patternsHaveRe2Semantics() {
        // a pattern that backtracks exponentially in java.util.regex stays linear: the answer comes, and is right
        // (a string document is JSON text, as in OPA: the value goes in an object)
        String schema = "{\"properties\": {\"s\": {\"type\": \"string\", \"pattern\": \"^(a+)+$\"}}}";
        assertThat(expr("json.match_schema({\"s\": \"" + "a".repeat(40) + "!\"}, " + schema + ")[0]")).isEqualTo("false");
        assertThat(expr("json.match_schema({\"s\": \"" + "a".repeat(40) + "\"}, " + schema + ")[0]")).isEqualTo("true");
        assertThat(expr("json.match_schema({\"ab1\": 1}, {\"patternProperties\": {\"^a\": {\"type\": \"string\"}}})[1][0].type"))
                .isEqualTo("\"invalid_type\"");
    }

    @Test
    void matchSchemaWithABadSchemaIsAnError() {
        var strict = RegoEngine.builder().strictBuiltinErrors(true).build();
        assertThatThrownBy(() -> strict.compile("package t\nx := json.match_schema({\"id\": \"foo\"}, "
                + "{\"properties\": {\"id\": {\"type\": \"unknown\"}}})\n").evaluate("data.t.x", null, null))
                .isInstanceOf(RegoException.class).hasMessageContaining("eval_builtin_error").hasMessageContaining(
                        "json.match_schema: has a primitive type that is NOT VALID -- given: /unknown/ Expected valid values"
                                + " are:[array boolean integer number null object string]");
        var engine = RegoEngine.builder().strictBuiltinErrors(true).build();
        assertThatThrownBy(() -> engine.compile("package t\nx := json.match_schema({}, input)\n")
                .evaluate("data.t.x", dev.arca.rego.value.Json.parse("{\"type\": 12}"), null))
                .isInstanceOf(RegoException.class).hasMessageContaining("invalid schema");
    }
}
