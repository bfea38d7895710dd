package dev.arca.kbs.compat;

import dev.arca.kbs.testing.FakeAttestationServer;
import dev.arca.kbs.testing.KbsHttp;
import dev.arca.kbs.testing.KbsIntegrationTest;
import dev.arca.kbs.testing.TestEnvironment;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin requests of upstream's {@code kbs-client} (trustee {@code tools/kbs-client}), as its source sends them,
 * against a running KBS over real HTTP. kbs-client takes every status but 200 for a failure ("Request Failed"), so
 * each call it makes must answer exactly 200; docs/compatibility.md lists them.
 */
class KbsClientCompatibilityTest extends KbsIntegrationTest {

    private static final String JSON = "application/json";

    /** {@code kbs-client config set-resource}: POST the bytes as application/octet-stream. */
    @Test
    void setResourceAnswers200() {
        KbsHttp.Answer answer = http.post("/kbs/v0/resource/compat/key/set", "secret".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/octet-stream", "Authorization", admin());
        assertThat(answer.status()).isEqualTo(200);
    }

    /** The resource plugin's DELETE (upstream answers 200 with an empty body). */
    @Test
    void deleteResourceAnswers200AndTheResourceIsGone() {
        String path = "/kbs/v0/resource/compat/key/deleted";
        assertThat(http.post(path, "x", "Content-Type", "application/octet-stream", "Authorization", admin()).status())
                .isEqualTo(200);
        KbsHttp.Answer deleted = http.delete(path, "Authorization", admin());
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).isEmpty();
        assertThat(http.delete(path, "Authorization", admin()).status()).isEqualTo(404);
    }

    /**
     * {@code kbs-client config set-resource-policy}: {"policy": base64url-no-pad}. Upstream's text is Rego (here in
     * the v0 syntax of kbs-client's {@code --allow-all}); a CEL text is accepted the same way.
     */
    @Test
    void setResourcePolicyAnswers200() {
        String rego = "package policy\n\ndefault allow = false\n\nallow {\n    data.plugin == \"resource\"\n}\n";
        for (String text : new String[] {rego, "true"}) {
            String body = "{\"policy\":\"" + Base64s.url(text.getBytes(StandardCharsets.UTF_8)) + "\"}";
            assertThat(http.post("/kbs/v0/resource-policy", body, "Content-Type", JSON, "Authorization", admin())
                    .status()).isEqualTo(200);
        }
        String broken = "{\"policy\":\"" + Base64s.url("package policy\nallow if {".getBytes(StandardCharsets.UTF_8))
                + "\"}";
        assertThat(http.post("/kbs/v0/resource-policy", broken, "Content-Type", JSON, "Authorization", admin())
                .status()).isEqualTo(400);
    }

    /**
     * {@code kbs-client config set-attestation-policy}: {type, policy_id, policy: base64url-no-pad}; the AS answers
     * 204 (its own API), the KBS must answer 200.
     */
    @Test
    void setAttestationPolicyAnswers200() {
        TestEnvironment.AS.policyAnswer(204, "");
        String body = "{\"type\":\"rego\",\"policy_id\":\"default_cpu\",\"policy\":\"dHJ1ZQ\"}";
        KbsHttp.Answer answer = http.post("/kbs/v0/attestation-policy", body, "Content-Type", JSON,
                "Authorization", admin());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(TestEnvironment.AS.adminCalls().getLast().path()).isEqualTo("/policy");
    }

    /**
     * {@code kbs-client config set-sample-reference-value}: an RVPS message of type sample whose payload is the
     * standard base64 of {"<name>": <value>}; the RVPS answers 201, the KBS must answer 200.
     */
    @Test
    void setSampleReferenceValueAnswers200() {
        String payload = Base64.getEncoder().encodeToString("{\"svn\":[\"1\"]}".getBytes(StandardCharsets.UTF_8));
        String body = "{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\"" + payload + "\"}";
        KbsHttp.Answer answer = http.post("/kbs/v0/reference-value", body, "Content-Type", JSON,
                "Authorization", admin());
        assertThat(answer.status()).isEqualTo(200);
        FakeAttestationServer.Recorded call = TestEnvironment.AS.adminCalls().getLast();
        assertThat(call.path()).isEqualTo("/reference-values");
        assertThat(call.body()).isEqualTo(body);
    }

    /**
     * {@code kbs-client get-reference-value <id>}: GET /kbs/v0/reference-value/{id} with Content-Type
     * application/json and the admin bearer; 200 with the RVPS's value as the body text.
     */
    @Test
    void getReferenceValueAnswers200WithTheRvpsValue() {
        String bearer = admin();
        KbsHttp.Answer answer = http.get("/kbs/v0/reference-value/svn", "Content-Type", JSON, "Authorization", bearer);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(Json.tree(answer.body())).isEqualTo(Json.tree(FakeAttestationServer.SVN));
        FakeAttestationServer.Recorded call = TestEnvironment.AS.adminCalls().getLast();
        assertThat(call.path()).isEqualTo("/reference-values/svn");
        assertThat(call.authorization()).as("the caller's own token is forwarded").isEqualTo(bearer);

        assertThat(http.get("/kbs/v0/reference-value/absent", "Authorization", bearer).status()).isEqualTo(404);
    }

    /** A name with {@code /} (CoRIM names) reaches the RVPS percent-encoded, never as extra path segments. */
    @Test
    void referenceValueNamesAreEncodedAndDotSegmentsRefused() {
        http.get("/kbs/v0/reference-value/ACME/Road%20Runner", "Authorization", admin());
        assertThat(TestEnvironment.AS.adminCalls().getLast().path())
                .isEqualTo("/reference-values/ACME/Road%20Runner");
        assertThat(http.get("/kbs/v0/reference-value/a//b", "Authorization", admin()).status()).isEqualTo(400);
        assertThat(http.get("/kbs/v0/reference-value/a/%2E%2E/b", "Authorization", admin()).status())
                .isEqualTo(400);
    }

    /** Older kbs-client's {@code get-reference-values}: GET /kbs/v0/reference-value; 200 with every value. */
    @Test
    void listReferenceValuesAnswers200() {
        KbsHttp.Answer answer = http.get("/kbs/v0/reference-value", "Content-Type", JSON, "Authorization", admin());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(Json.tree(answer.body()).get("svn")).isEqualTo(Json.tree(FakeAttestationServer.SVN));
    }

    /** The admin reads are admin-only like the writes: no token 401, a role the ACL refuses 403. */
    @Test
    void theReadsNeedTheAdminCredential() {
        assertThat(http.get("/kbs/v0/reference-value/svn").status()).isEqualTo(401);
        assertThat(http.get("/kbs/v0/reference-value").status()).isEqualTo(401);
        assertThat(http.get("/kbs/v0/reference-value/svn", "Authorization", TestEnvironment.adminBearer("viewer"))
                .status()).isEqualTo(403);
    }

    /**
     * Upstream's newer resource listing, GET /kbs/v0/resource: admin only, 200 with a JSON array of the stored
     * "repo/type/tag" paths, never a value.
     */
    @Test
    void listResourcesAnswersThePathsToAnAdminOnly() {
        String secret = "listed-value-" + System.nanoTime();
        assertThat(http.post("/kbs/v0/resource/compat/list/one", secret, "Authorization", admin()).status())
                .isEqualTo(200);
        KbsHttp.Answer answer = http.get("/kbs/v0/resource", "Authorization", admin());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(JSON));
        assertThat(answer.body()).doesNotContain(secret);
        String[] paths = Json.read(answer.body(), String[].class);
        assertThat(paths).allMatch(path -> path.split("/").length == 3).contains("compat/list/one");

        assertThat(http.get("/kbs/v0/resource").status()).isEqualTo(401);
        assertThat(http.get("/kbs/v0/resource", "Authorization", TestEnvironment.adminBearer("viewer")).status())
                .isEqualTo(403);
    }

    /** Upstream's manifests probe {@code GET /healthz} without credentials: 200 while live. */
    @Test
    void healthzAnswers200WithoutCredentials() {
        KbsHttp.Answer answer = http.get("/healthz");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
    }
}
