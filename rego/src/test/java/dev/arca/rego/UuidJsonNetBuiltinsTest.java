package dev.arca.rego;

import static dev.arca.rego.Rego.expr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@code uuid.parse}, {@code json.marshal_with_options} and {@code net.cidr_contains_matches}, checked against what
 * OPA's built-in reference documents (UUID fields by RFC 4122, Go's indented JSON layout, match tuples by key).
 */
class UuidJsonNetBuiltinsTest {

    @Test
    void uuidParseGivesVersionAndVariantOfEveryUuid() {
        assertThat(expr("uuid.parse(\"00000000-0000-4000-8000-000000000000\")"))
                .isEqualTo("{\"variant\":\"RFC4122\",\"version\":4}");
        // the spellings RFC 4122 tools accept: braces, URN, no dashes
        assertThat(expr("uuid.parse(\"{00000000-0000-4000-8000-000000000000}\")"))
                .isEqualTo("{\"variant\":\"RFC4122\",\"version\":4}");
        assertThat(expr("uuid.parse(\"6bea8ef2d3d33cd184e09bab06a52ece\")"))
                .isEqualTo("{\"variant\":\"RFC4122\",\"version\":3}");
        assertThat(expr("uuid.parse(\"00000000-0000-4000-c000-000000000000\").variant")).isEqualTo("\"Microsoft\"");
        assertThat(expr("uuid.parse(\"00000000-0000-4000-0000-000000000000\").variant")).isEqualTo("\"Reserved\"");
    }

    @Test
    void timeBasedUuidsGiveTimeClockSequenceAndNode() {
        // version 1: 1 Jan 1970 is 0x01B21DD213814000 ticks of 100 ns after 15 Oct 1582
        assertThat(expr("uuid.parse(\"13814000-1dd2-11b2-8123-0102030405ff\")")).isEqualTo(
                "{\"clocksequence\":291,\"macvariables\":\"global:multicast\",\"nodeid\":\"01-02-03-04-05-ff\","
                        + "\"time\":0,\"variant\":\"RFC4122\",\"version\":1}");
        // version 2 (DCE security): the low time field is the local id; the clock sequence's low byte the domain
        assertThat(expr("uuid.parse(\"urn:uuid:000003e8-48b9-21ee-b200-325096b39f47\")")).isEqualTo(
                "{\"clocksequence\":12800,\"domain\":\"Person\",\"id\":1000,\"macvariables\":\"local:unicast\","
                        + "\"nodeid\":\"32-50-96-b3-9f-47\",\"time\":1693566990121469600,\"variant\":\"RFC4122\",\"version\":2}");
    }

    @Test
    void notAUuidIsUndefined() {
        assertThat(expr("uuid.parse(\"00000000-0000-4000-8000-00000000000\")")).isEqualTo("undefined");
        assertThat(expr("uuid.parse(\"00000000_0000-4000-8000-000000000000\")")).isEqualTo("undefined");
        assertThat(expr("uuid.parse(\"g0000000-0000-4000-8000-000000000000\")")).isEqualTo("undefined");
        assertThat(Rego.eval("package t\nx := uuid.parse(input.id)\n", "data.t.x", "{\"id\": 123}")).isEqualTo("undefined");
    }

    @Test
    void marshalWithOptionsIndentsAsGoDoes() {
        String doc = "{\"b\": [1, {\"c\": true}], \"a\": {}, \"e\": []}";
        assertThat(expr("json.marshal_with_options(" + doc + ", {})")).isEqualTo("\"{\\\"a\\\":{},\\\"b\\\":[1,{\\\"c\\\":true}],\\\"e\\\":[]}\"");
        assertThat(expr("json.marshal_with_options(" + doc + ", {\"pretty\": true})"))
                .isEqualTo("\"{\\n\\t\\\"a\\\": {},\\n\\t\\\"b\\\": [\\n\\t\\t1,\\n\\t\\t{\\n\\t\\t\\t\\\"c\\\": true\\n\\t\\t}\\n\\t],"
                        + "\\n\\t\\\"e\\\": []\\n}\"");
        // indent or prefix imply pretty; the prefix starts every line, the first too
        assertThat(expr("json.marshal_with_options([1, 2], {\"indent\": \"  \", \"prefix\": \"# \"})"))
                .isEqualTo("\"# [\\n#   1,\\n#   2\\n# ]\"");
        // an explicit pretty: false wins over indent
        assertThat(expr("json.marshal_with_options([1, 2], {\"indent\": \"  \", \"pretty\": false})")).isEqualTo("\"[1,2]\"");
        assertThat(expr("json.marshal_with_options(\"x\", {\"pretty\": true})")).isEqualTo("\"\\\"x\\\"\"");
        // null options, and null option values, are the defaults
        assertThat(expr("json.marshal_with_options([1], null)")).isEqualTo("\"[\\n\\t1\\n]\"");
        assertThat(expr("json.marshal_with_options({\"a\": 1}, {\"indent\": null, \"prefix\": \"# \"})"))
                .isEqualTo("\"# {\\n# \\t\\\"a\\\": 1\\n# }\"");
        assertThat(expr("json.marshal_with_options([], {\"indent\": \"    \", \"prefix\": \"---\"})")).isEqualTo("\"---[]\"");
    }

    @Test
    void marshalWithOptionsRefusesUnknownOrMistypedOptions() {
        var engine = RegoEngine.builder().strictBuiltinErrors(true).build();
        assertThatThrownBy(() -> engine.compile("package t\nx := json.marshal_with_options(1, {\"indnet\": \" \"})\n")
                .evaluate("data.t.x", null, null))
                .isInstanceOf(RegoException.class).hasMessageContaining("eval_type_error")
                .hasMessageContaining("object contained unknown key \"indnet\"");
        assertThatThrownBy(() -> engine.compile("package t\nx := json.marshal_with_options(1, input)\n")
                .evaluate("data.t.x", dev.arca.rego.value.Json.parse("{\"pretty\": \"yes\"}"), null))
                .isInstanceOf(RegoException.class).hasMessageContaining("\"pretty\" contained invalid type");
    }

    @Test
    void cidrContainsMatchesPairsTheKeysOfEveryShape() {
        // arrays: keys are indices
        assertThat(expr("net.cidr_contains_matches([\"1.1.2.0/24\", \"1.1.1.0/24\"], [\"1.1.1.1\", \"1.1.2.1\"])"))
                .isEqualTo("[[0,1],[1,0]]");
        // sets: keys are the elements
        assertThat(expr("net.cidr_contains_matches({\"1.1.1.0/24\", \"1.1.2.0/24\"}, {\"1.1.1.1\", \"1.1.2.1\"})"))
                .isEqualTo("[[\"1.1.1.0/24\",\"1.1.1.1\"],[\"1.1.2.0/24\",\"1.1.2.1\"]]");
        // a string is its own key; objects give their keys; arrays as elements carry annotations
        assertThat(expr("net.cidr_contains_matches(\"10.0.0.0/8\", {\"web\": [\"10.1.2.3\", \"frontend\"], \"db\": \"192.168.0.1\"})"))
                .isEqualTo("[[\"10.0.0.0/8\",\"web\"]]");
        assertThat(expr("net.cidr_contains_matches({[\"10.0.0.0/8\", \"private\"]}, \"10.1.0.0/16\")"))
                .isEqualTo("[[[\"10.0.0.0/8\",\"private\"],\"10.1.0.0/16\"]]");
        assertThat(expr("net.cidr_contains_matches([\"2001:db8::/32\"], [\"2001:db8::1\", \"10.0.0.1\"])")).isEqualTo("[[0,0]]");
        assertThat(expr("net.cidr_contains_matches([\"10.0.0.0/8\"], [\"11.0.0.1\"])")).isEqualTo("[]");
    }

    @Test
    void cidrContainsMatchesRefusesOtherElements() {
        var engine = RegoEngine.builder().strictBuiltinErrors(true).build();
        assertThatThrownBy(() -> engine.compile("package t\nx := net.cidr_contains_matches({[\"1.1.1.0/24\", \"a\"]}, {input.a, [\"1.1.2.1\"]})\n")
                .evaluate("data.t.x", dev.arca.rego.value.Json.parse("{\"a\": 1}"), null))
                .isInstanceOf(RegoException.class)
                .hasMessageContaining("net.cidr_contains_matches: operand 2: element must be string or non-empty array");
    }
}
