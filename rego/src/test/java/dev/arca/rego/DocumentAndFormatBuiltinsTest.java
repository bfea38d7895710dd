package dev.arca.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.rego.value.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The built-ins added for attestation and key-release policies, as OPA's built-in reference documents them:
 * {@code json.patch/filter/remove}, {@code yaml.*}, {@code urlquery.*}, {@code time.diff}, {@code graph.*},
 * {@code net.cidr_merge/expand}, {@code crypto.hmac.*}, {@code rand.intn}, {@code opa.runtime}, {@code print},
 * {@code trace}.
 */
class DocumentAndFormatBuiltinsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '\'', value = {
        // json.patch: RFC 6902 operations, atomic (one failing operation: undefined)
        "json.patch({\"a\": {\"foo\": 1}}, [{\"op\": \"add\", \"path\": \"/a/bar\", \"value\": 2}])~{\"a\":{\"bar\":2,\"foo\":1}}",
        "json.patch({\"a\": [1, 3]}, [{\"op\": \"add\", \"path\": \"/a/1\", \"value\": 2}])~{\"a\":[1,2,3]}",
        "json.patch({\"a\": [1]}, [{\"op\": \"add\", \"path\": \"/a/-\", \"value\": 2}])~{\"a\":[1,2]}",
        "json.patch({\"a\": 1, \"b\": 2}, [{\"op\": \"remove\", \"path\": \"b\"}])~{\"a\":1}",
        "json.patch({\"a\": 1}, [{\"op\": \"replace\", \"path\": \"/a\", \"value\": 9}])~{\"a\":9}",
        "json.patch({\"a\": 1}, [{\"op\": \"replace\", \"path\": \"/z\", \"value\": 9}])~undefined",
        "json.patch({\"a\": {\"b\": 1}}, [{\"op\": \"move\", \"from\": \"/a/b\", \"path\": \"/c\"}])~{\"a\":{},\"c\":1}",
        "json.patch({\"a\": {\"b\": 1}}, [{\"op\": \"copy\", \"from\": \"/a\", \"path\": \"/c\"}])~{\"a\":{\"b\":1},\"c\":{\"b\":1}}",
        "json.patch({\"a\": 1}, [{\"op\": \"test\", \"path\": \"/a\", \"value\": 1}, {\"op\": \"add\", \"path\": \"/b\", \"value\": 2}])~{\"a\":1,\"b\":2}",
        "json.patch({\"a\": 1}, [{\"op\": \"add\", \"path\": \"/b\", \"value\": 2}, {\"op\": \"test\", \"path\": \"/a\", \"value\": 2}])~undefined",
        "json.patch({\"a\": 1}, [{\"op\": \"add\", \"path\": [\"x/y\"], \"value\": 2}])~{\"a\":1,\"x/y\":2}",
        "json.patch({\"a\\u007eb\": 1}, [{\"op\": \"remove\", \"path\": \"/a\\u007e0b\"}])~{}",
        "json.patch({\"s\": {1, 2}}, [{\"op\": \"add\", \"path\": \"/s/3\", \"value\": 3}])~{\"s\":[1,2,3]}",
        "json.patch({\"a\": 1}, [{\"op\": \"remove\", \"path\": \"/z\"}])~undefined",
        // RFC 6901: "" is the whole document, "/" the member whose key is the empty string
        "json.patch({\"a\": 1}, [{\"op\": \"add\", \"path\": \"/\", \"value\": 2}])~{\"\":2,\"a\":1}",
        "json.patch({\"\": 1}, [{\"op\": \"test\", \"path\": \"/\", \"value\": 1}])~{\"\":1}",
        "json.patch({\"a\": 1}, [{\"op\": \"add\", \"path\": \"\", \"value\": [3]}])~[3]",
        "json.remove({\"\": 1, \"a\": 2}, [\"/\"])~{\"a\":2}",
        // json.filter and json.remove
        "json.filter({\"a\": {\"b\": \"x\", \"c\": \"y\"}}, [\"a/b\"])~{\"a\":{\"b\":\"x\"}}",
        "json.filter({\"a\": {\"b\": \"x\", \"c\": \"y\"}, \"d\": 1}, {\"d\", \"a/c\"})~{\"a\":{\"c\":\"y\"},\"d\":1}",
        "json.filter({\"a\": [\"p\", \"q\", \"r\"]}, [[\"a\", 0], \"a/2\"])~{\"a\":[\"p\",\"r\"]}",
        "json.filter({\"a\": 1}, [\"a/b/c\", \"z\"])~{\"a\":1}",
        "json.remove({\"a\": {\"b\": \"x\", \"c\": \"y\"}}, [\"a/b\"])~{\"a\":{\"c\":\"y\"}}",
        "json.remove({\"a\": [1, 2, 3]}, [[\"a\", 1]])~{\"a\":[1,3]}",
        "json.remove({\"a\": 1}, [\"nope/deeper\"])~{\"a\":1}",
        // yaml
        "yaml.unmarshal(\"a: 1\\nb: [true, null, x]\")~{\"a\":1,\"b\":[true,null,\"x\"]}",
        "yaml.unmarshal(yaml.marshal({\"a\": [1, \"two\", {\"c\": null}], \"b\": 2.5}))~{\"a\":[1,\"two\",{\"c\":null}],\"b\":2.5}",
        "yaml.marshal({\"a\": \"b\"})~\"a: b\\n\"",
        "yaml.is_valid(\"a: [1\")~false",
        "yaml.is_valid(\"- 1\\n- 2\")~true",
        "yaml.is_valid(1)~false",
        "yaml.unmarshal(\"a: [1\")~undefined",
        // urlquery (Go's QueryEscape: space as +, ~ kept)
        "urlquery.decode(\"a+b%26c\")~\"a b\\u0026c\"",
        "urlquery.decode(\"%zz\")~undefined",
        "urlquery.encode_object({\"b\": \"2\", \"a\": [\"1\", \"x y\"]})~\"a=1\\u0026a=x+y\\u0026b=2\"",
        "urlquery.decode_object(\"a=1&a=x+y&b=2\")~{\"a\":[\"1\",\"x y\"],\"b\":[\"2\"]}",
        // time.diff: field by field, earlier from later, borrowing the earlier month's length
        "time.diff(time.parse_rfc3339_ns(\"2021-01-31T00:00:00Z\"), time.parse_rfc3339_ns(\"2021-03-01T00:00:00Z\"))~[0,1,1,0,0,0]",
        "time.diff(time.parse_rfc3339_ns(\"2024-03-01T10:20:30Z\"), time.parse_rfc3339_ns(\"2020-01-01T00:00:00Z\"))~[4,2,0,10,20,30]",
        "time.diff(time.parse_rfc3339_ns(\"2021-01-01T00:00:01Z\"), time.parse_rfc3339_ns(\"2021-01-01T00:00:00Z\"))~[0,0,0,0,0,1]",
        "time.diff([0, \"UTC\"], [0, \"Europe/Paris\"])~[0,0,0,0,0,0]",
        // graphs: nodes that are not keys of the graph are not reached
        "graph.reachable({\"a\": [\"b\"], \"b\": {\"c\"}, \"c\": [], \"d\": [\"a\"]}, [\"a\"])~[\"a\",\"b\",\"c\"]",
        "graph.reachable({\"a\": [\"b\"], \"b\": [\"a\"]}, {\"b\"})~[\"a\",\"b\"]",
        "graph.reachable({\"a\": [\"z\"]}, [\"a\", \"q\"])~[\"a\"]",
        "graph.reachable_paths({\"a\": [\"b\", \"c\"], \"b\": [\"d\"], \"c\": [], \"d\": []}, [\"a\"])~[[\"a\",\"b\",\"d\"],[\"a\",\"c\"]]",
        "graph.reachable_paths({\"a\": [\"b\"], \"b\": [\"a\"]}, [\"a\"])~[[\"a\",\"b\"]]",
        "graph.reachable_paths({\"a\": [\"b\"], \"b\": [\"gone\"]}, [\"a\"])~[[\"a\",\"b\"]]",
        "graph.reachable_paths({\"a\": [\"b\", \"c\"], \"b\": [], \"c\": [\"\"]}, {\"a\", \"c\"})~[[\"a\",\"b\"],[\"a\",\"c\"],[\"c\"]]",
        // net
        "net.cidr_merge([\"192.0.128.0/24\", \"192.0.129.0/24\"])~[\"192.0.128.0/23\"]",
        "net.cidr_merge({\"10.0.0.1\", \"10.0.0.0\", \"10.0.0.2/31\"})~[\"10.0.0.0/30\"]",
        "net.cidr_merge([\"10.0.0.0/8\", \"10.1.0.0/16\", \"11.0.0.0/8\"])~[\"10.0.0.0/7\"]",
        "net.cidr_merge([\"10.0.0.1/32\", \"10.0.0.2/32\"])~[\"10.0.0.1/32\",\"10.0.0.2/32\"]",
        "net.cidr_merge([\"2001:db8::/33\", \"2001:db8:8000::/33\", \"10.0.0.0/32\"])~[\"10.0.0.0/32\",\"2001:db8::/32\"]",
        "net.cidr_merge([\"nope\"])~undefined",
        "net.cidr_merge([\"fe80::1\"])~undefined",
        "net.cidr_expand(\"192.168.1.0/30\")~[\"192.168.1.0\",\"192.168.1.1\",\"192.168.1.2\",\"192.168.1.3\"]",
        "net.cidr_expand(\"fe80::1/127\")~[\"fe80::\",\"fe80::1\"]",
        "net.cidr_expand(\"10.0.0.0/8\")~undefined",
        // hmac: RFC 2104 MACs, hex (the well-known 'quick brown fox' vectors)
        "crypto.hmac.md5(\"The quick brown fox jumps over the lazy dog\", \"key\")~\"80070713463e7749b90c2dc24911e275\"",
        "crypto.hmac.sha1(\"The quick brown fox jumps over the lazy dog\", \"key\")~\"de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9\"",
        "crypto.hmac.sha256(\"The quick brown fox jumps over the lazy dog\", \"key\")~\"f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8\"",
        "crypto.hmac.sha512(\"The quick brown fox jumps over the lazy dog\", \"key\")~\"b42af09057bac1e2d41708e48a902e09b5ff7f12ab428a4fe86653c73dd248fb82f948a549f7b791a5b41915ee4d1ec3935357e4e2317250d0372afa2ebeeb3a\"",
        "crypto.hmac.sha256(\"\", \"\")~\"b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad\"",
        "crypto.hmac.equal(\"abc\", \"abc\")~true",
        "crypto.hmac.equal(\"abc\", \"abd\")~false",
        "crypto.sha1(\"abc\")~\"a9993e364706816aba3e25717850c26c9cd0d89d\"",
        // opa.runtime without configuration
        "opa.runtime()~{}",
    })
    void builtin(String expression, String expected) {
        assertThat(Rego.expr(expression)).isEqualTo(expected);
    }

    @Test
    void urlqueryEncodeEscapesAsGo() {
        assertThat(Rego.eval("package t\nx := urlquery.encode(input)", "data.t.x", "\"a b&c=d~*/é\""))
                .isEqualTo("\"a+b%26c%3Dd~%2A%2F%C3%A9\"");
    }

    @Test
    void randIntnIsBoundedAndStableWithinAQuery() {
        var engine = RegoEngine.builder().random(new Random(7)).build();
        var policy = engine.compile("""
                package t
                x := [rand.intn("a", 10), rand.intn("a", 10), rand.intn("a", 0), rand.intn("b", -3)]
                """);
        String[] parts = policy.evaluate("data.t.x", null, null).map(Json::write).orElseThrow()
                .replaceAll("[\\[\\]]", "").split(",");
        assertThat(parts[0]).isEqualTo(parts[1]);
        assertThat(Integer.parseInt(parts[0])).isBetween(0, 9);
        assertThat(parts[2]).isEqualTo("0");
        assertThat(Integer.parseInt(parts[3])).isBetween(0, 2);
        var seen = new java.util.HashSet<String>();
        for (int i = 0; i < 40; i++) {
            seen.add(Json.write(engine.compile("package t\nx := rand.intn(\"k\", 4)").evaluate("data.t.x", null, null).orElseThrow()));
        }
        assertThat(seen).containsAnyOf("1", "2", "3").allMatch(s -> s.matches("[0-3]"));
    }

    @Test
    void opaRuntimeShowsOnlyTheEnvironmentTheEmbedderGives() {
        var engine = RegoEngine.builder().runtimeEnv(Map.of("REGION", "eu")).build();
        assertThat(engine.compile("package t\nx := opa.runtime().env.REGION").evaluate("data.t.x", null, null)
                .map(Json::write)).contains("\"eu\"");
        assertThat(Rego.expr("opa.runtime().env")).isEqualTo("undefined");
    }

    @Test
    void printWritesToTheSinkAndNeverFailsTheBody() {
        var lines = new ArrayList<String>();
        var engine = RegoEngine.builder().printSink(lines::add).build();
        var policy = engine.compile("""
                package t
                allow if {
                    print("claims:", input.a, input.missing)
                    some x in [1, 2]
                    x > 1
                    print("x is", x, {"k": [x]})
                    trace("checked")
                }
                """);
        assertThat(policy.evaluate("data.t.allow", Json.parse("{\"a\":\"v\"}"), null)).isPresent();
        assertThat(lines).containsExactly("claims: v <undefined>", "x is 2 {\"k\":[2]}", "trace: checked");
        // the default sink drops the lines and the policy still decides
        assertThat(Rego.eval("package t\nallow if print(input.nothing)", "data.t.allow")).isEqualTo("true");
    }

    @Test
    void badOperandsAreTypedErrorsInStrictMode() {
        var strict = RegoEngine.builder().strictBuiltinErrors(true).build();
        assertThatThrownBy(() -> strict.compile("package t\nx := json.patch({}, [{\"op\": \"frobnicate\", \"path\": \"/a\"}])")
                .evaluate("data.t.x", null, null))
                .isInstanceOfSatisfying(RegoException.class, e -> assertThat(e.code()).isEqualTo("eval_builtin_error"))
                .hasMessageContaining("unknown patch operation");
        assertThatThrownBy(() -> strict.compile("package t\nx := graph.reachable({\"a\": 1}, [\"a\"])")
                .evaluate("data.t.x", null, null))
                .isInstanceOfSatisfying(RegoException.class, e -> assertThat(e.code()).isEqualTo("eval_type_error"));
        assertThatThrownBy(() -> strict.compile("package t\nx := net.cidr_expand(\"::/64\")").evaluate("data.t.x", null, null))
                .isInstanceOfSatisfying(RegoException.class, e -> assertThat(e.code()).isEqualTo("eval_builtin_error"))
                .hasMessageContaining("more than 65536 addresses");
    }
}
