package dev.arca.rvps.referencevalue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.model.json.Json;
import dev.arca.rvps.RvpsIntegrationTest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ReferenceValueApiTest extends RvpsIntegrationTest {

    @Test
    void registersQueriesListsAndDeletes() {
        String body = Json.write(Map.of("version", "0.1.0", "type", "sample", "payload", samplePayload("""
                {"api/crud/mr_td": ["705ee9381b8633a9fbe532b52345e8433343d2868959f57889d84ca377c395b6"],
                 "api/crud/snp_bootloader": [10],
                 "api/crud/major_version": 1}""")));

        HttpResponse<String> registered = register(body);

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(registered.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(registered).path("registered").valueStream().map(JsonNode::asString).toList())
                .containsExactly("api/crud/mr_td", "api/crud/snp_bootloader", "api/crud/major_version");

        HttpResponse<String> one = get("/reference-values/api/crud/mr_td");
        assertThat(one.statusCode()).isEqualTo(200);
        JsonNode value = json(one);
        assertThat(value.path("version").asString()).isEqualTo("0.1.0");
        assertThat(value.path("name").asString()).isEqualTo("api/crud/mr_td");
        // now + 12 months at seconds precision, in upstream's exact format (Trustee rvps/README.md)
        assertThat(value.path("expiration").asString()).isEqualTo("2027-11-26T12:00:00Z");
        assertThat(value.path("value")).isEqualTo(
                Json.tree("[\"705ee9381b8633a9fbe532b52345e8433343d2868959f57889d84ca377c395b6\"]"));
        assertThat(json(get("/reference-values/api/crud/major_version")).path("value").asInt()).isEqualTo(1);

        HttpResponse<String> list = get("/reference-values?prefix=api/crud/");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list).valueStream().map(v -> v.path("name").asString()).toList())
                .containsExactly("api/crud/major_version", "api/crud/mr_td", "api/crud/snp_bootloader");

        assertThat(delete("/reference-values/api/crud/mr_td", adminToken()).statusCode()).isEqualTo(204);
        assertThat(assertProblem(get("/reference-values/api/crud/mr_td"), 404)).contains("api/crud/mr_td");
        assertProblem(delete("/reference-values/api/crud/mr_td", adminToken()), 404);
        assertThat(json(get("/reference-values?prefix=api/crud/")).size()).isEqualTo(2);
    }

    @Test
    void provenanceIsReturnedOnlyWhenAskedFor() {
        assertThat(registerSample("{\"api/provenance/a\": [1]}").statusCode()).isEqualTo(201);

        JsonNode plain = json(get("/reference-values/api/provenance/a"));
        assertThat(plain.has("provenance")).isFalse();
        assertThat(plain.propertyNames()).containsExactlyInAnyOrder("version", "name", "expiration", "value");

        JsonNode provenance = json(get("/reference-values/api/provenance/a?provenance=true")).path("provenance");
        assertThat(provenance.path("message_type").asString()).isEqualTo("sample");
        assertThat(provenance.path("extractor").asString()).isEqualTo("SampleExtractor");
        assertThat(provenance.path("registered_at").asString()).isEqualTo("2026-11-26T12:00:00Z");
        assertThat(provenance.has("signer_key_id")).as("sample checks no signature").isFalse();
        assertThat(json(get("/reference-values?prefix=api/provenance/&provenance=true")).get(0)
                .path("provenance").path("message_type").asString()).isEqualTo("sample");
    }

    @Test
    void registeringAgainReplacesTheValue() {
        assertThat(registerSample("{\"api/replace/svn\": [1, 2]}").statusCode()).isEqualTo(201);
        clock.advance(Duration.ofDays(30));
        assertThat(registerSample("{\"api/replace/svn\": {\"min\": 3}}").statusCode()).isEqualTo(201);

        JsonNode value = json(get("/reference-values/api/replace/svn"));
        assertThat(value.path("value")).isEqualTo(Json.tree("{\"min\": 3}"));
        assertThat(value.path("expiration").asString()).isEqualTo("2027-12-26T12:00:00Z");
    }

    @Test
    void expiredValuesAreNeverReturned() {
        assertThat(registerSample("{\"api/expiry/a\": [\"x\"]}").statusCode()).isEqualTo(201);

        clock.advance(Duration.ofDays(365).minusSeconds(1));
        assertThat(get("/reference-values/api/expiry/a").statusCode()).isEqualTo(200);
        assertThat(json(get("/reference-values?prefix=api/expiry/")).size()).isEqualTo(1);

        clock.set(java.time.Instant.parse("2027-11-26T12:00:00Z"));
        assertThat(assertProblem(get("/reference-values/api/expiry/a"), 404)).contains("expired");
        assertThat(json(get("/reference-values?prefix=api/expiry/")).size()).isZero();
    }

    @Test
    void namesWithSlashesWorkRawAndPercentEncoded() {
        String name = "rvps:///github.com/confidential-containers/api/names:v1.0";
        assertThat(registerSample(Json.write(Map.of(name, List.of("a")))).statusCode()).isEqualTo(201);

        var raw = get("/reference-values/" + name);
        assertThat(json(raw).path("name").asString()).as(raw.statusCode() + " " + raw.body()).isEqualTo(name);
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8);
        assertThat(encoded).contains("%2F");
        var escaped = get("/reference-values/" + encoded);
        assertThat(json(escaped).path("name").asString()).as(escaped.statusCode() + " " + escaped.body())
                .isEqualTo(name);

        assertThat(delete("/reference-values/" + encoded, adminToken()).statusCode()).isEqualTo(204);
        assertProblem(get("/reference-values/" + encoded), 404);
    }

    @Test
    void listPrefixIsLiteral() {
        registerSample("{\"api/like/a_b\": 1, \"api/like/axb\": 2, \"api/like/a%b\": 3}");

        assertThat(json(get("/reference-values?prefix=api/like/a_")).valueStream()
                .map(v -> v.path("name").asString()).toList()).containsExactly("api/like/a_b");
        assertThat(json(get("/reference-values?prefix=api/like/a%25")).valueStream()
                .map(v -> v.path("name").asString()).toList()).containsExactly("api/like/a%b");
    }

    @Test
    void aMessageWithOneBadNameRegistersNothing() {
        HttpResponse<String> response = registerSample("{\"api/atomic/good\": 1, \"api/atomic/bad\\u0007\": 2}");

        assertThat(assertProblem(response, 400)).contains("U+0007");
        assertProblem(get("/reference-values/api/atomic/good"), 404);
    }

    @Test
    void absentVersionMeans010AndOtherVersionsAreRefused() {
        assertThat(register(message("sample", samplePayload("{\"api/version/a\": 1}"))).statusCode())
                .isEqualTo(201);

        String detail = assertProblem(register(Json.write(Map.of(
                "version", "0.2.0", "type", "sample", "payload", samplePayload("{\"api/version/b\": 1}")))), 400);
        assertThat(detail).contains("0.2.0", "0.1.0");
        assertProblem(get("/reference-values/api/version/b"), 404);
    }

    @Test
    void unknownExtractorIsRefusedWithTheSupportedTypes() {
        String detail = assertProblem(register(message("spdx", "{}")), 400);

        assertThat(detail).isEqualTo("no extractor for type spdx, supported: [corim, in-toto, sample, swid]");
    }

    @Test
    void payloadProblemsAreExplained() {
        assertThat(assertProblem(register(message("sample", "not base64!")), 400))
                .contains("not standard base64");
        assertThat(assertProblem(register(message("sample", samplePayload("{\"a\": "))), 400))
                .contains("not valid JSON");
        assertThat(assertProblem(register(message("sample", samplePayload("[\"a\"]"))), 400))
                .contains("must be a JSON object", "array");
        assertThat(assertProblem(register(message("sample", samplePayload("{\"a\": 1, \"a\": 2}"))), 400))
                .contains("duplicate member 'a'");
    }

    @Test
    void malformedMessagesAreBadRequestsNotServerErrors() {
        assertThat(assertProblem(post("/reference-values", "{\"type\": ", adminToken()), 400))
                .contains("unexpected end-of-input");
        assertThat(assertProblem(post("/reference-values", "{\"type\": {}, \"payload\": \"e30=\"}", adminToken()),
                400)).isEqualTo("member 'type' must be a string");
        assertThat(assertProblem(post("/reference-values", "{\"type\": \"sample\"}", adminToken()), 400))
                .contains("payload is required");
        assertThat(assertProblem(post("/reference-values", "{\"payload\": \"e30=\"}", adminToken()), 400))
                .contains("type is required");
        assertProblem(post("/reference-values", "", adminToken()), 400);
        assertThat(assertProblem(post("/reference-values", "[1, 2]", adminToken()), 400))
                .isEqualTo("the JSON body must be an object");
        assertProblem(send(request("/reference-values", adminToken()).header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x"))), 415);
    }

    @Test
    void invalidNamesInRequestsAreBadRequests() {
        assertThat(assertProblem(registerSample(Json.write(Map.of("n".repeat(257), 1))), 400)).contains("256");
        assertThat(assertProblem(get("/reference-values/api%07bell"), 400)).contains("U+0007");
        assertProblem(get("/reference-values?prefix=" + "p".repeat(257)), 400);
        assertProblem(get("/reference-values/no/such/value"), 404);
    }
}
