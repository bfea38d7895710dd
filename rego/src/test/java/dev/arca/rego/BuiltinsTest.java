package dev.arca.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.rego.value.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each built-in as OPA's built-in reference documents it: expression, then the JSON of its value. */
class BuiltinsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '\'', value = {
        // comparison and arithmetic, arbitrary precision
        "1 == 1.0~true",
        "[1, \"a\"] != [1, \"b\"]~true",
        "null < false~true",
        "\"b\" > \"a\"~true",
        "0.1 + 0.2~0.3",
        "123456789012345678901234567890 * 10~1234567890123456789012345678900",
        "7 / 2~3.5",
        "7 % 3~1",
        "abs(-2.5)~2.5",
        "round(2.5)~3",
        "ceil(1.2)~2",
        "floor(-1.2)~-2",
        "numbers.range(1, 3)~[1,2,3]",
        "numbers.range(3, 1)~[3,2,1]",
        "bits.and(12, 10)~8",
        // aggregates
        "count(\"héllo\")~5",
        "count({\"a\": 1})~1",
        "sum([1, 2.5])~3.5",
        "product({2, 3})~6",
        "max([1, 3, 2])~3",
        "min({\"b\", \"a\"})~\"a\"",
        "sort([3, 1, 2])~[1,2,3]",
        // arrays
        "array.concat([1], [2])~[1,2]",
        "array.slice([1, 2, 3, 4], 1, 3)~[2,3]",
        "array.slice([1, 2], 5, 9)~[]",
        "array.reverse([1, 2])~[2,1]",
        "array.flatten([[1, [2]], 3])~[1,[2],3]",
        // sets
        "intersection({{1, 2}, {2, 3}})~[2]",
        "union({{1}, {2}})~[1,2]",
        // objects
        "object.get({\"a\": {\"b\": 1}}, [\"a\", \"b\"], 0)~1",
        "object.get({\"a\": 1}, \"z\", \"dflt\")~\"dflt\"",
        "object.keys({\"a\": 1, \"b\": 2})~[\"a\",\"b\"]",
        "object.union({\"a\": {\"x\": 1}}, {\"a\": {\"y\": 2}})~{\"a\":{\"x\":1,\"y\":2}}",
        "object.union_n([{\"a\": 1}, {\"a\": 2}])~{\"a\":2}",
        "object.remove({\"a\": 1, \"b\": 2}, [\"a\"])~{\"b\":2}",
        "object.filter({\"a\": 1, \"b\": 2}, {\"a\"})~{\"a\":1}",
        "object.subset({\"a\": 1, \"b\": 2}, {\"a\": 1})~true",
        // object.subset: arrays by contiguous run; an array above a set in any order; a set above an array is refused
        "object.subset([1, 2, 3, 4], [2, 3])~true",
        "object.subset([1, 2, 3, 4], [2, 4])~false",
        "object.subset([4, 1, 2], {1, 4})~true",
        "object.subset([1, 2], {1, 3})~false",
        "object.subset({1, 2, 3}, [1, 2])~undefined",
        // strings
        "concat(\"-\", [\"a\", \"b\"])~\"a-b\"",
        "contains(\"abc\", \"b\")~true",
        "startswith(\"abc\", \"ab\")~true",
        "endswith(\"abc\", \"bc\")~true",
        "format_int(255, 16)~\"ff\"",
        "format_int(-5.9, 10)~\"-5\"",
        "indexof(\"abcb\", \"b\")~1",
        "indexof_n(\"abcb\", \"b\")~[1,3]",
        "lower(\"AbC\")~\"abc\"",
        "upper(\"abc\")~\"ABC\"",
        "replace(\"aaa\", \"a\", \"b\")~\"bbb\"",
        "split(\"a.b.c\", \".\")~[\"a\",\"b\",\"c\"]",
        "strings.split_n(\"a.b.c\", \".\", 2)~[\"a\",\"b\"]",
        "strings.split_n(\"a.b.c\", \".\", -1)~[\"c\"]",
        "substring(\"abcdef\", 2, 3)~\"cde\"",
        "substring(\"abcdef\", 2, -1)~\"cdef\"",
        "trim(\"xxaxx\", \"x\")~\"a\"",
        "trim_left(\"xxa\", \"x\")~\"a\"",
        "trim_right(\"axx\", \"x\")~\"a\"",
        "trim_prefix(\"sha256:ab\", \"sha256:\")~\"ab\"",
        "trim_suffix(\"a.rego\", \".rego\")~\"a\"",
        "trim_space(\"  a \")~\"a\"",
        "strings.any_prefix_match([\"a/b\", \"c\"], \"a/\")~true",
        "strings.any_suffix_match(\"file.txt\", [\".md\", \".txt\"])~true",
        "strings.replace_n({\"a\": \"1\", \"b\": \"2\"}, \"ab\")~\"12\"",
        // strings.replace_n: one scan, first pattern in key order wins at each position, output never rescanned
        "strings.replace_n({\"a\": \"b\", \"b\": \"c\"}, \"aabb\")~\"bbcc\"",
        "strings.replace_n({\"ab\": \"1\", \"abc\": \"2\"}, \"abcab\")~\"1c1\"",
        "strings.replace_n({\"b\": \"xb\", \"bc\": \"Z\"}, \"abc\")~\"axbc\"",
        "strings.replace_n({\"\": \"-\"}, \"hé\")~\"-h-é-\"",
        "strings.replace_n({\"\": \"-\", \"h\": \"H\"}, \"hi\")~\"-H-i-\"",
        "strings.replace_n({\"\": \"-\"}, \"\")~\"-\"",
        "strings.reverse(\"abc\")~\"cba\"",
        "strings.count(\"cheese\", \"e\")~3",
        "to_number(\"-1.5\")~-1.5",
        "sprintf(\"%s=%d %v %.2f %x %q %t %%\", [\"k\", 42, [1, \"a\"], 3.14159, 255, \"q\", true])~\"k=42 [1, \\\"a\\\"] 3.14 ff \\\"q\\\" true %\"",
        "sprintf(\"%v\", [{\"a\": {1}}])~\"{\\\"a\\\": {1}}\"",
        // regex: RE2 syntax
        "regex.match(\"^[a-f0-9]{4}$\", \"beef\")~true",
        "regex.match(\"(?i)ABC\", \"xabcx\")~true",
        "regex.is_valid(\"(unclosed\")~false",
        "regex.split(\",\\\\s*\", \"a, b,c\")~[\"a\",\"b\",\"c\"]",
        "regex.find_n(\"[0-9]+\", \"a1b22c333\", 2)~[\"1\",\"22\"]",
        "regex.find_all_string_submatch_n(\"(a)(b)?\", \"ab a\", -1)~[[\"ab\",\"a\",\"b\"],[\"a\",\"a\",\"\"]]",
        "regex.replace(\"a1b2\", \"[0-9]\", \"#\")~\"a#b#\"",
        // semver
        "semver.is_valid(\"1.2.3-rc.1+build\")~true",
        "semver.is_valid(\"1.2\")~false",
        "semver.compare(\"1.2.3\", \"1.10.0\")~-1",
        "semver.compare(\"1.0.0-alpha\", \"1.0.0\")~-1",
        "semver.compare(\"2.0.0\", \"2.0.0+meta\")~0",
        // time
        "time.parse_rfc3339_ns(\"2024-01-02T03:04:05Z\")~1704164645000000000",
        "time.parse_rfc3339_ns(\"2024-01-02T03:04:05.5+01:00\")~1704161045500000000",
        "time.parse_rfc3339_ns(\"2262-04-11T23:47:16.854775808Z\")~undefined",
        "time.date(1704164645000000000)~[2024,1,2]",
        "time.clock(1704164645000000000)~[3,4,5]",
        "time.weekday(1704164645000000000)~\"Tuesday\"",
        "time.date([1704164645000000000, \"America/New_York\"])~[2024,1,1]",
        "time.add_date(1704164645000000000, 0, 1, 0)~1706843045000000000",
        "time.parse_duration_ns(\"1h30m\")~5400000000000",
        "time.parse_duration_ns(\"-1.5s\")~-1500000000",
        "time.parse_duration_ns(\"300ms\")~300000000",
        "time.parse_duration_ns(\"1x\")~undefined",
        // json, encodings, digests
        "json.marshal({\"b\": [1, true], \"a\": null})~\"{\\\"a\\\":null,\\\"b\\\":[1,true]}\"",
        "json.unmarshal(\"{\\\"a\\\": [1.50]}\")~{\"a\":[1.5]}",
        "json.is_valid(\"{\")~false",
        "base64.encode(\"hi\")~\"aGk=\"",
        "base64.decode(\"aGk=\")~\"hi\"",
        "base64.is_valid(\"%%\")~false",
        "base64url.encode(\"\\u00ff\\u00fe\")~\"w7_Dvg==\"",
        "base64url.encode_no_pad(\"hi\")~\"aGk\"",
        "base64url.decode(\"aGk\")~\"hi\"",
        "hex.encode(\"hi\")~\"6869\"",
        "hex.decode(\"6869\")~\"hi\"",
        "crypto.sha256(\"abc\")~\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"",
        "crypto.md5(\"\")~\"d41d8cd98f00b204e9800998ecf8427e\"",
        "crypto.sha512(\"abc\")~\"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f\"",
        "units.parse(\"10K\")~10000",
        "units.parse(\"1.5Mi\")~1572864",
        "units.parse(\"500m\")~0.5",
        "units.parse(\"10KI\")~10240",
        "units.parse(\"-3.5E2m\")~-0.35",
        "units.parse(\"100mi\")~104857600",
        "units.parse_bytes(\"2KiB\")~2048",
        "units.parse_bytes(\"1mb\")~1000000",
        // globs
        "glob.match(\"*.example.com\", [\".\"], \"api.example.com\")~true",
        "glob.match(\"*.example.com\", [\".\"], \"a.b.example.com\")~false",
        "glob.match(\"**.example.com\", [\".\"], \"a.b.example.com\")~true",
        "glob.match(\"file-{a,b}?\", null, \"file-bx\")~true",
        "glob.match(\"[!a]bc\", [], \"abc\")~false",
        // net
        "net.cidr_contains(\"10.0.0.0/8\", \"10.1.2.3\")~true",
        "net.cidr_contains(\"10.0.0.0/8\", \"11.0.0.0/24\")~false",
        "net.cidr_contains(\"fd00::/8\", \"fd12::1\")~true",
        "net.cidr_intersects(\"10.0.0.0/8\", \"10.5.0.0/16\")~true",
        "net.cidr_is_valid(\"10.0.0.0/33\")~false",
        // types
        "type_name(set())~\"set\"",
        "is_number(1)~true",
        "is_string(1)~false",
        "is_boolean(false)~true",
        "is_array([])~true",
        "is_set({1})~true",
        "is_object({})~true",
        "is_null(null)~true",
        "[p | walk({\"a\": [1]}, [p, _])]~[[],[\"a\"],[\"a\",0]]",
    })
    void builtin(String expression, String expected) {
        assertThat(Rego.expr(expression)).isEqualTo(expected);
    }

    @Test
    void typeErrorsAreUndefinedUnlessStrict() {
        // a type only known when the call runs (a constant of the wrong type is a compile-time error: TypeCheckTest)
        assertThat(Rego.eval("package t\nx := count(input.n)", "data.t.x", "{\"n\":1}")).isEqualTo("undefined");
        var strict = RegoEngine.builder().strictBuiltinErrors(true).build();
        assertThatThrownBy(() -> strict.compile("package t\nx := count(input.n)").evaluate("data.t.x", Json.parse("{\"n\":1}"), null))
                .isInstanceOf(RegoException.class)
                .satisfies(e -> assertThat(((RegoException) e).code()).isEqualTo("eval_type_error"))
                .hasMessageContaining("count: operand 1 must be one of {array, object, set, string} but got number");
        assertThatThrownBy(() -> strict.compile("package t\nx := 1 / 0").evaluate("data.t.x", null, null))
                .satisfies(e -> assertThat(((RegoException) e).code()).isEqualTo("eval_builtin_error"))
                .hasMessageContaining("divide by zero");
    }

    @Test
    void numbersTooWideToExpandAreRefusedNotExpanded() {
        // adding 1 to 1e999999999 exactly would need a billion digits
        assertThat(Rego.expr("1e999999999 + 1")).isEqualTo("undefined");
        assertThat(Rego.expr("1e999999999 > 1")).isEqualTo("true");
        assertThat(Rego.expr("format_int(1e999999999, 10)")).isEqualTo("undefined");
    }

    @Test
    void timeNowComesFromTheEngineClockOncePerQuery() {
        var engine = RegoEngine.builder()
                .clock(Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC)).build();
        var policy = engine.compile("package t\nx := [time.now_ns(), time.now_ns()]");
        assertThat(policy.evaluate("data.t.x", null, null).map(Json::write)).contains("[1735689600000000000,1735689600000000000]");
    }

    @Test
    void uuidIsStablePerKeyWithinAQuery() {
        String r = Rego.expr("[uuid.rfc4122(\"a\") == uuid.rfc4122(\"a\"), uuid.rfc4122(\"a\") != uuid.rfc4122(\"b\")]");
        assertThat(r).isEqualTo("[true,true]");
        assertThat(Rego.expr("regex.match(\"^[0-9a-f-]{36}$\", uuid.rfc4122(\"k\"))")).isEqualTo("true");
    }

    @Test
    void jwtDecodeSplitsHeaderPayloadAndSignature() {
        // {"alg":"HS256","typ":"JWT"} . {"sub":"1","n":1.50} . signature bytes 0x01 0x02
        String token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIiwibiI6MS41MH0.AQI";
        assertThat(Rego.expr("io.jwt.decode(\"" + token + "\")"))
                .isEqualTo("[{\"alg\":\"HS256\",\"typ\":\"JWT\"},{\"n\":1.5,\"sub\":\"1\"},\"0102\"]");
        assertThat(Rego.expr("io.jwt.decode(\"not-a-jwt\")")).isEqualTo("undefined");
    }

    @Test
    void customFunctionHook() {
        var engine = RegoEngine.builder()
                .function("query_reference_value", 1, args -> Json.parse("[\"aa\", \"bb\"]"))
                .build();
        var policy = engine.compile("package t\nok if input.m in query_reference_value(\"mr_td\")");
        assertThat(policy.evaluate("data.t.ok", Json.parse("{\"m\":\"bb\"}"), null)).isPresent();
        assertThat(policy.evaluate("data.t.ok", Json.parse("{\"m\":\"cc\"}"), null)).isEmpty();
        var failing = RegoEngine.builder().function("query_reference_value", 1, args -> {
            throw new IllegalStateException("backend down");
        }).build();
        assertThat(failing.compile("package t\nok if query_reference_value(\"x\")").evaluate("data.t.ok", null, null))
                .isEmpty();
    }
}
