package dev.arca.rego;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.rego.value.StringValue;
import java.time.Duration;
import java.util.List;

/**
 * Fuzzes the built-ins that parse what a policy is handed (docs/fuzzing.md): certificates, certificate requests, PEM
 * keys, JWTs and their keys, YAML, JSON patches, URL queries, CIDRs, Go time layouts and times, unit amounts, numbers,
 * UUIDs, globs, regex templates, JSON schemas, Go templates.
 * Whatever the text, a call is defined, undefined or refused with a {@link RegoException} (strict mode); anything else
 * escaping is a finding.
 */
class RegoBuiltinInputFuzzTest {

    private static final RegoEngine ENGINE = RegoEngine.builder().strictBuiltinErrors(true)
            .maxSteps(20_000).timeout(Duration.ofMillis(500)).build();
    private static final List<String> CALLS = List.of(
            "crypto.x509.parse_certificates(input)",
            "crypto.x509.parse_and_verify_certificates(input)",
            "crypto.x509.parse_certificate_request(input)",
            "crypto.x509.parse_rsa_private_key(input)",
            "io.jwt.decode_verify(input, {\"cert\": input, \"aud\": \"a\"})",
            "io.jwt.verify_es256(input, input)",
            "io.jwt.verify_rs256(\"eyJhbGciOiJSUzI1NiJ9.e30.AQ\", input)",
            "io.jwt.encode_sign_raw(input, \"{}\", input)",
            "yaml.unmarshal(input)",
            "json.patch({\"a\": [1, {\"b\": 2}]}, [{\"op\": \"move\", \"from\": input, \"path\": input}])",
            "json.filter({\"a\": [1, {\"b\": 2}]}, [input])",
            "urlquery.decode_object(input)",
            "net.cidr_merge([input, \"10.0.0.0/8\"])",
            "net.cidr_expand(input)",
            "time.diff(0, [0, input])",
            "time.parse_ns(input, \"Tue Jan  2 03:04:05.123 CET 2024\")",
            "time.parse_ns(\"Mon Jan _2 15:04:05.000 MST 2006\", input)",
            "time.parse_rfc3339_ns(input)",
            "time.format([1704164645123456789, \"Asia/Kolkata\", input])",
            "units.parse(input)",
            "units.parse_bytes(input)",
            "to_number(input)",
            "uuid.parse(input)",
            "regex.globs_match(input, \"a.*[0-9]+\")",
            "regex.template_match(input, \"urn:x:1\", \"{\", \"}\")",
            "json.verify_schema(input)",
            "json.match_schema(input, {\"type\": \"object\", \"required\": [\"a\"]})",
            "strings.render_template(input, {\"a\": [1, {\"b\": null}], \"s\": \"x\"})",
            "crypto.parse_private_keys(input)",
            "crypto.x509.parse_keypair(input, input)",
            "io.jwt.verify_eddsa(input, input)",
            "net.cidr_contains_matches([input, [\"10.0.0.0/8\", 1]], {\"a\": input})");

    @FuzzTest
    void parsingBuiltins(FuzzedDataProvider data) {
        String call = CALLS.get(data.consumeInt(0, CALLS.size() - 1));
        String text = data.consumeRemainingAsString();
        try {
            ENGINE.compile("package f\nx := " + call + "\n").evaluate("data.f.x", new StringValue(text), null);
        } catch (RegoException refused) {
            assertThat(refused.code()).isNotBlank();
        }
    }
}
