package dev.arca.kbs.admin;

import dev.arca.kbs.testing.FakeAttestationServer;
import dev.arca.kbs.testing.KbsHttp;
import dev.arca.kbs.testing.KbsIntegrationTest;
import dev.arca.kbs.testing.TestEnvironment;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API: JWT authentication and role, resources, resource policy, and calls forwarded to the AS and RVPS. */
class AdminApiTest extends KbsIntegrationTest {

    static JsonNode problem(KbsHttp.Answer answer, int status, String name) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Json.tree(answer.body());
        assertThat(problem.get("type").asString()).endsWith("/errors/" + name);
        return problem;
    }

    static String policyBody(String cel) {
        return "{\"policy\":\"" + Base64s.url(cel.getBytes(StandardCharsets.UTF_8)) + "\"}";
    }

    @Test
    void adminCallsNeedAValidTokenWithTheAdminRole() {
        byte[] secret = "s".getBytes(StandardCharsets.UTF_8);
        String path = "/kbs/v0/resource/default/admin/guarded";
        JsonNode missing = problem(http.post(path, secret), 401, "AdminAuthAccess");
        assertThat(missing.get("detail").asString()).contains("Authorization: Bearer");
        problem(http.post(path, secret, "Authorization", "Bearer not-a-jwt"), 401, "AdminAuthAccess");
        problem(http.post(path, secret, "Authorization", TestEnvironment.strangerBearer()), 401, "AdminAuthAccess");
        JsonNode wrongRole = problem(http.post(path, secret, "Authorization", TestEnvironment.adminBearer("viewer")),
                403, "AdminAccessForbidden");
        assertThat(wrongRole.get("detail").asString()).contains("Role viewer not allowed");

        for (String[] call : List.of(
                new String[] {"GET", "/kbs/v0/resource-policy"},
                new String[] {"DELETE", path})) {
            KbsHttp.Answer answer = http.method(call[0], call[1], "Authorization", TestEnvironment.adminBearer("viewer"));
            assertThat(answer.status()).as(call[1]).isEqualTo(403);
        }
        problem(http.post("/kbs/v0/resource-policy", policyBody("true")), 401, "AdminAuthAccess");
        problem(http.post("/kbs/v0/attestation-policy", "{}"), 401, "AdminAuthAccess");
        problem(http.post("/kbs/v0/reference-value", "{}"), 401, "AdminAuthAccess");
        // nothing was stored by the refused calls
        assertThat(http.delete(path, "Authorization", admin()).status()).isEqualTo(404);
    }

    @Test
    void resourcesCanBeStoredOverwrittenAndDeleted() {
        String path = "/kbs/v0/resource/default/admin/lifecycle";
        assertThat(http.post(path, "v1", "Authorization", admin()).status()).isEqualTo(200);
        assertThat(http.post(path, "v2", "Authorization", admin()).status()).isEqualTo(200);
        assertThat(http.delete(path, "Authorization", admin()).status()).isEqualTo(200);
        problem(http.delete(path, "Authorization", admin()), 404, "ResourceNotFound");
        problem(http.post("/kbs/v0/resource/default/admin/.hidden", "x", "Authorization", admin()),
                400, "InvalidRequest");
        problem(http.post(path, new byte[1024 * 1024 + 1], "Authorization", admin()), 413, "PayloadTooLarge");
    }

    @Test
    void secretsAreEncryptedAtRest() throws Exception {
        String marker = "plaintext-marker-" + System.nanoTime();
        assertThat(http.post("/kbs/v0/resource/default/admin/at-rest", marker, "Authorization", admin()).status())
                .isEqualTo(200);
        // H2 writes its pages to the data directory; the marker must not appear there in the clear
        try (var files = java.nio.file.Files.walk(TestEnvironment.DATA_DIR)) {
            for (java.nio.file.Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                assertThat(new String(java.nio.file.Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                        .as(file.toString()).doesNotContain(marker);
            }
        }
        java.nio.file.Path kek = TestEnvironment.DATA_DIR.resolve("kek");
        assertThat(java.nio.file.Files.getPosixFilePermissions(kek))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aPolicyThatDoesNotCompileIsRefusedAndNothingIsStored() {
        String good = "request.path[0] == \"default\"";
        assertThat(http.post("/kbs/v0/resource-policy", policyBody(good), "Authorization", admin()).status())
                .isEqualTo(200);
        JsonNode problem = problem(http.post("/kbs/v0/resource-policy", policyBody("input.submods.cpu0[\"ear.status\"] =="),
                "Authorization", admin()), 400, "ParsePolicyError");
        assertThat(problem.get("detail").asString()).startsWith("Failed to parse policy: ").contains("ERROR: <input>:1:");
        problem(http.post("/kbs/v0/resource-policy", policyBody("1 + 2"), "Authorization", admin()),
                400, "ParsePolicyError");
        problem(http.post("/kbs/v0/resource-policy", policyBody("unknown_variable == 1"), "Authorization", admin()),
                400, "ParsePolicyError");
        problem(http.post("/kbs/v0/resource-policy", "{\"policy\":\"***\"}", "Authorization", admin()),
                400, "ParsePolicyError");
        problem(http.post("/kbs/v0/resource-policy", "{\"policy\":\"_w\"}", "Authorization", admin()),
                400, "ParsePolicyError");

        // upstream's GET lists the policy ids; the per-id read returns the text
        KbsHttp.Answer ids = http.get("/kbs/v0/resource-policy", "Authorization", admin());
        assertThat(ids.status()).isEqualTo(200);
        assertThat(Json.tree(ids.body()).isArray()).isTrue();
        assertThat(ids.body()).contains("\"resource-policy\"");
        JsonNode view = Json.tree(http.get("/kbs/v0/admin/resource-policies/resource-policy", "Authorization",
                admin()).body());
        assertThat(view.get("binding").asString()).isEmpty();
        assertThat(new String(Base64s.fromUrl(view.get("policy").asString()), StandardCharsets.UTF_8)).isEqualTo(good);
    }

    @Test
    void theEnvelopesTypeDeclaresTheResourcePolicysLanguage() {
        String rego = "package policy\ndefault allow := false\nallow if data.plugin == \"resource\"\n";
        String cel = "request.plugin == \"resource\"";
        java.util.function.BiFunction<String, String, String> typed = (text, type) -> "{\"policy\":\""
                + Base64s.url(text.getBytes(StandardCharsets.UTF_8)) + "\",\"type\":\"" + type
                + "\",\"id\":\"typed\",\"binding\":\"typed-test/\"}";
        try {
            assertThat(http.post("/kbs/v0/resource-policy", typed.apply(rego, "rego"), "Authorization", admin())
                    .status()).isEqualTo(200);
            assertThat(http.post("/kbs/v0/resource-policy", typed.apply(cel, "cel"), "Authorization", admin())
                    .status()).isEqualTo(200);
            // a declared language binds: the text is compiled in it
            JsonNode celAsRego = problem(http.post("/kbs/v0/resource-policy", typed.apply(cel, "rego"),
                    "Authorization", admin()), 400, "ParsePolicyError");
            assertThat(celAsRego.get("detail").asString()).contains("rego_parse_error");
            JsonNode regoAsCel = problem(http.post("/kbs/v0/resource-policy", typed.apply(rego, "cel"),
                    "Authorization", admin()), 400, "ParsePolicyError");
            assertThat(regoAsCel.get("detail").asString()).doesNotContain("rego_");
            JsonNode unknown = problem(http.post("/kbs/v0/resource-policy", typed.apply(rego, "wasm"),
                    "Authorization", admin()), 400, "ParsePolicyError");
            assertThat(unknown.get("detail").asString())
                    .isEqualTo("Failed to parse policy: unknown policy type 'wasm': expected rego or cel");
            // the per-id API takes the same member
            problem(http.put("/kbs/v0/admin/resource-policies/typed", "{\"policy\":\""
                    + Base64s.url(cel.getBytes(StandardCharsets.UTF_8)) + "\",\"type\":\"rego\",\"binding\":\"typed-test/\"}",
                    "Authorization", admin()), 400, "ParsePolicyError");
            // the stored text is the last accepted one (CEL)
            JsonNode view = Json.tree(http.get("/kbs/v0/admin/resource-policies/typed", "Authorization", admin()).body());
            assertThat(new String(Base64s.fromUrl(view.get("policy").asString()), StandardCharsets.UTF_8)).isEqualTo(cel);
        } finally {
            http.delete("/kbs/v0/admin/resource-policies/typed", "Authorization", admin());
        }
    }

    @Test
    void anAttestationPolicyOfUnknownTypeIsRefusedBeforeItIsForwarded() {
        int before = TestEnvironment.AS.adminCalls().size();
        JsonNode problem = problem(http.post("/kbs/v0/attestation-policy",
                "{\"policy_id\":\"default_cpu\",\"policy\":\"dHJ1ZQ\",\"type\":\"wasm\"}", "Authorization", admin()),
                400, "ParsePolicyError");
        assertThat(problem.get("detail").asString()).contains("unknown policy type 'wasm'");
        assertThat(TestEnvironment.AS.adminCalls()).hasSize(before);
    }

    @Test
    void attestationPoliciesAreForwardedWithTheCallersToken() {
        FakeAttestationServer as = TestEnvironment.AS;
        String bearer = admin();
        String body = "{\"policy_id\":\"default_cpu\",\"policy\":\"dHJ1ZQ\",\"type\":\"cel\"}";
        as.policyAnswer(204, "");
        KbsHttp.Answer stored = http.post("/kbs/v0/attestation-policy", body, "Authorization", bearer);
        assertThat(stored.status()).as("the AS's 204 relayed as upstream's 200").isEqualTo(200);
        FakeAttestationServer.Recorded call = as.adminCalls().getLast();
        assertThat(call.path()).isEqualTo("/policy");
        assertThat(call.authorization()).isEqualTo(bearer);
        assertThat(call.body()).isEqualTo(body);

        as.policyAnswer(400, "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"policy does not compile: ERROR at 1:3\"}");
        KbsHttp.Answer refused = http.post("/kbs/v0/attestation-policy", body, "Authorization", bearer);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).hasValue("application/problem+json");
        JsonNode relayed = Json.tree(refused.body());
        assertThat(relayed.get("type").asString()).isEqualTo("about:blank");
        assertThat(relayed.get("detail").asString()).isEqualTo("policy does not compile: ERROR at 1:3");
        as.policyAnswer(204, "");

        problem(http.post("/kbs/v0/attestation-policy", "{\"policy_id\":\"x\"}", "Authorization", bearer),
                400, "SerdeError");
    }

    @Test
    void anAttestationServiceThatFailsIsA503ToRetryLater() {
        FakeAttestationServer as = TestEnvironment.AS;
        String body = "{\"policy_id\":\"default_cpu\",\"policy\":\"dHJ1ZQ\",\"type\":\"cel\"}";
        as.policyAnswer(503, "{\"type\":\"about:blank\",\"detail\":\"rvps-unavailable\"}");
        try {
            KbsHttp.Answer answer = http.post("/kbs/v0/attestation-policy", body, "Authorization", admin());
            problem(answer, 503, "UpstreamUnavailable");
            assertThat(answer.header("Retry-After")).hasValue("5");
            assertThat(answer.body()).doesNotContain("Exception");
        } finally {
            as.policyAnswer(204, "");
        }
    }

    @Test
    void referenceValuesAreForwardedToTheRvps() {
        String bearer = admin();
        String body = "{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\"eyJzdm4iOlsiMSJdfQ==\"}";
        KbsHttp.Answer answer = http.post("/kbs/v0/reference-value", body, "Authorization", bearer);
        assertThat(answer.status()).as("the RVPS's 201 relayed as upstream's 200").isEqualTo(200);
        assertThat(Json.tree(answer.body()).get("registered").get(0).asString()).isEqualTo("svn");
        FakeAttestationServer.Recorded call = TestEnvironment.AS.adminCalls().getLast();
        assertThat(call.path()).isEqualTo("/reference-values");
        assertThat(call.authorization()).isEqualTo(bearer);
        assertThat(call.body()).isEqualTo(body);
        problem(http.post("/kbs/v0/reference-value", "not json", "Authorization", bearer), 400, "SerdeError");
    }

    @Test
    void secretsAreListedAsMetadataNeverValues() {
        String marker = "listed-secret-value-" + System.nanoTime();
        assertThat(http.post("/kbs/v0/resource/listing/key/one", marker, "Authorization", admin()).status())
                .isEqualTo(200);
        assertThat(http.post("/kbs/v0/resource/listing/key/two", "22", "Authorization", admin()).status())
                .isEqualTo(200);
        assertThat(http.post("/kbs/v0/resource/listing_x/key/three", "3", "Authorization", admin()).status())
                .isEqualTo(200);
        KbsHttp.Answer list = http.get("/kbs/v0/admin/resources?prefix=listing/", "Authorization", admin());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(marker);
        JsonNode entries = Json.tree(list.body());
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).get("resource").asString()).isEqualTo("listing/key/one");
        assertThat(entries.get(0).get("size").asInt()).isEqualTo(marker.length());
        assertThat(entries.get(0).get("kek_id").asString()).hasSize(16);
        assertThat(entries.get(0).has("created_at")).isTrue();
        assertThat(entries.get(1).get("resource").asString()).isEqualTo("listing/key/two");
        // "_" is a literal in the prefix, not a LIKE wildcard
        assertThat(Json.tree(http.get("/kbs/v0/admin/resources?prefix=listing_", "Authorization", admin()).body()))
                .hasSize(1);
        assertThat(Json.tree(http.get("/kbs/v0/admin/resources?limit=1", "Authorization", admin()).body()))
                .hasSize(1);
        problem(http.get("/kbs/v0/admin/resources?prefix=%25", "Authorization", admin()), 400, "InvalidRequest");
        problem(http.get("/kbs/v0/admin/resources"), 401, "AdminAuthAccess");
    }

    @Test
    void policiesArePutReadListedAndDeletedById() {
        String base = "/kbs/v0/admin/resource-policies/";
        String body = "{\"policy\":\"" + Base64s.url("request.path[1] == \"key\"".getBytes(StandardCharsets.UTF_8))
                + "\",\"binding\":\"lifecycle/\"}";
        KbsHttp.Answer put = http.put(base + "lifecycle", body, "Authorization", admin());
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(Json.tree(put.body()).get("binding").asString()).isEqualTo("lifecycle/");

        JsonNode read = Json.tree(http.get(base + "lifecycle", "Authorization", admin()).body());
        assertThat(new String(Base64s.fromUrl(read.get("policy").asString()), StandardCharsets.UTF_8))
                .isEqualTo("request.path[1] == \"key\"");
        assertThat(read.get("sha256").asString()).hasSize(64);
        JsonNode list = Json.tree(http.get("/kbs/v0/admin/resource-policies", "Authorization", admin()).body());
        assertThat(list.findValuesAsString("id")).contains("lifecycle");
        assertThat(list.toString()).doesNotContain("\"policy\"");

        // another id cannot take the same binding; a broken policy is refused with the compiler's message
        problem(http.put(base + "usurper", body, "Authorization", admin()), 409, "InvalidRequest");
        JsonNode broken = problem(http.put(base + "lifecycle", "{\"policy\":\"" + Base64s.url("request.path[".getBytes(
                StandardCharsets.UTF_8)) + "\",\"binding\":\"lifecycle/\"}", "Authorization", admin()), 400,
                "ParsePolicyError");
        assertThat(broken.get("detail").asString()).contains("ERROR: <input>:1:");
        problem(http.put(base + "bad-binding", "{\"policy\":\"dHJ1ZQ\",\"binding\":\"lifecycle\"}",
                "Authorization", admin()), 400, "InvalidRequest");

        assertThat(http.delete(base + "lifecycle", "Authorization", admin()).status()).isEqualTo(204);
        problem(http.delete(base + "lifecycle", "Authorization", admin()), 404, "ResourceNotFound");
        problem(http.get(base + "lifecycle", "Authorization", admin()), 404, "ResourceNotFound");
    }

    @Test
    void aTenantPolicyOverridesTheGlobalOneForItsPrefix() {
        setResourcePolicy(ALLOW_SAMPLE);
        putResource("tenant-closed/key/k", "closed".getBytes(StandardCharsets.UTF_8));
        putResource("tenant-open/key/k", "open".getBytes(StandardCharsets.UTF_8));
        String deny = "{\"policy\":\"" + Base64s.url("false".getBytes(StandardCharsets.UTF_8))
                + "\",\"binding\":\"tenant-closed/\"}";
        assertThat(http.put("/kbs/v0/admin/resource-policies/tenant-closed", deny, "Authorization", admin()).status())
                .isEqualTo(200);
        dev.arca.kbs.testing.SampleGuest guest = dev.arca.kbs.testing.SampleGuest.create(
                dev.arca.kbs.testing.SampleGuest.KeyKind.P256);
        dev.arca.kbs.testing.Rcar.Handshake session = dev.arca.kbs.testing.Rcar.auth(http, null);
        dev.arca.kbs.testing.Rcar.attestOk(http, session, guest);
        assertThat(http.get("/kbs/v0/resource/tenant-open/key/k", session.cookieHeader()).status()).isEqualTo(200);
        problem(http.get("/kbs/v0/resource/tenant-closed/key/k", session.cookieHeader()), 403, "PolicyDeny");
        JsonNode audit = Json.tree(http.get("/kbs/v0/admin/audit?limit=1000", "Authorization", admin()).body());
        List<JsonNode> closed = new java.util.ArrayList<>();
        audit.forEach(record -> {
            if ("tenant-closed/key/k".equals(record.path("resource").asString())) {
                closed.add(record);
            }
        });
        assertThat(closed.getLast().get("policy_id").asString()).isEqualTo("tenant-closed");
        assertThat(closed.getLast().get("session_digest").asString())
                .isEqualTo(dev.arca.kbs.audit.AuditLog.sessionDigest(session.cookie()));
        assertThat(closed.getLast().toString()).doesNotContain(session.cookie());
    }
}
