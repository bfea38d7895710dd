package dev.arca.rego;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.rego.value.Json;
import org.junit.jupiter.api.Test;

/**
 * Base data and rules under the same path of {@code data}. OPA refuses such overlaps when it loads data and policies
 * together; an embedder here passes data per query, so the engine reads an overlap as OPA's evaluator does: the
 * document above both merges objects key by key and keeps the base value where the two disagree, while a reference
 * to the rule itself gives the rule's value.
 */
class BaseAndVirtualDocumentTest {
    private static final String POLICY = """
            package t
            k := "from rule"
            o := {"b": 2, "c": {"y": 2}}
            only_rule := true
            """;
    private static final String DATA = """
            {"t": {"k": "from data", "o": {"a": 1, "c": {"x": 1}}, "only_data": 1}}
            """;

    private static String eval(String ref) {
        return Rego.ENGINE.compile(POLICY).evaluate(ref, null, Json.parse(DATA)).map(Json::write).orElse("undefined");
    }

    @Test
    void theEnclosingDocumentKeepsBaseValuesAndMergesObjects() {
        assertThat(eval("data.t")).isEqualTo(
                "{\"k\":\"from data\",\"o\":{\"a\":1,\"b\":2,\"c\":{\"x\":1,\"y\":2}},\"only_data\":1,\"only_rule\":true}");
    }

    @Test
    void theRuleItselfGivesItsValue() {
        assertThat(eval("data.t.k")).isEqualTo("\"from rule\"");
        assertThat(eval("data.t.only_data")).isEqualTo("1");
    }

    @Test
    void aNumberInAReferenceIntoBaseDataFindsTheKeyThatIsItsText() {
        // data is read from OPA's store by a path of strings: data.ids[2] reads the key "2"; a copy of the same
        // object in a variable is an ordinary value, where 2 and "2" are different keys
        String policy = """
                package t
                direct := data.ids[2]
                top := data[7]
                nested := data.ids.deeper[1][0]
                copied := obj[2] if obj := data.ids
                """;
        String data = "{\"7\": \"seven\", \"ids\": {\"2\": \"two\", \"deeper\": {\"1\": [\"first\"]}}}";
        var compiled = Rego.ENGINE.compile(policy);
        var d = Json.parse(data);
        assertThat(compiled.evaluate("data.t.direct", null, d).map(Json::write)).contains("\"two\"");
        assertThat(compiled.evaluate("data.t.top", null, d).map(Json::write)).contains("\"seven\"");
        assertThat(compiled.evaluate("data.t.nested", null, d).map(Json::write)).contains("\"first\"");
        assertThat(compiled.evaluate("data.t.copied", null, d)).isEmpty();
    }
}
