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
}
