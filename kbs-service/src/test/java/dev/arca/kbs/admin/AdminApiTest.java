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
        assertThat(missing.get("detail").asString()).contains("Failed to parse HTTP Auth Bearer header");
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
        assertThat(http.delete(path, "Authorization", admin()).status()).isEqualTo(204);
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

        KbsHttp.Answer current = http.get("/kbs/v0/resource-policy", "Authorization", admin());
        assertThat(current.status()).isEqualTo(200);
        JsonNode view = Json.tree(current.body());
        assertThat(view.get("id").asString()).isEqualTo("resource-policy");
        assertThat(new String(Base64s.fromUrl(view.get("policy").asString()), StandardCharsets.UTF_8)).isEqualTo(good);
    }

    @Test
    void attestationPoliciesAreForwardedWithTheCallersToken() {
        FakeAttestationServer as = TestEnvironment.AS;
        String bearer = admin();
        String body = "{\"policy_id\":\"default_cpu\",\"policy\":\"dHJ1ZQ\",\"type\":\"cel\"}";
        as.policyAnswer(204, "");
        KbsHttp.Answer stored = http.post("/kbs/v0/attestation-policy", body, "Authorization", bearer);
        assertThat(stored.status()).isEqualTo(204);
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
    void referenceValuesAreForwardedToTheRvps() {
        String bearer = admin();
        String body = "{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\"eyJzdm4iOlsiMSJdfQ==\"}";
        KbsHttp.Answer answer = http.post("/kbs/v0/reference-value", body, "Authorization", bearer);
        assertThat(answer.status()).isEqualTo(201);
        assertThat(Json.tree(answer.body()).get("registered").get(0).asString()).isEqualTo("svn");
        FakeAttestationServer.Recorded call = TestEnvironment.AS.adminCalls().getLast();
        assertThat(call.path()).isEqualTo("/reference-values");
        assertThat(call.authorization()).isEqualTo(bearer);
        assertThat(call.body()).isEqualTo(body);
        problem(http.post("/kbs/v0/reference-value", "not json", "Authorization", bearer), 400, "SerdeError");
    }
}
