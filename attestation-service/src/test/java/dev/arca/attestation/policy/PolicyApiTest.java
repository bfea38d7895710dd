package dev.arca.attestation.policy;

import static dev.arca.attestation.support.Requests.b64url;
import static dev.arca.attestation.support.Requests.body;
import static dev.arca.attestation.support.Requests.sampleEvidence;
import static dev.arca.attestation.support.Requests.verificationRequest;
import static dev.arca.attestation.support.Requests.withRaw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.attestation.support.AttestationServiceTestBase;
import dev.arca.attestation.support.EarTokenReader;
import dev.arca.attestation.support.TestHttp.Response;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The policy admin API: authentication, compile checks, storage, and that uploaded policies are used. */
class PolicyApiTest extends AttestationServiceTestBase {

    private static String setPolicy(String id, String text) {
        return "{\"policy_id\": \"" + id + "\", \"policy\": \"" + b64url(text) + "\"}";
    }

    private Response upload(String id, String text) {
        return http.postJson("/policy", setPolicy(id, text), "Authorization", adminBearer());
    }

    private JsonNode attestCpu(String policyId) throws Exception {
        byte[] raw = "rd".getBytes(StandardCharsets.UTF_8);
        Response response = http.postJson("/attestation",
                body(policyId, withRaw(verificationRequest("sample", sampleEvidence("1", raw)), raw)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return EarTokenReader.verify(response.body(), http.get("/.well-known/jwks.json").body()).submod("cpu0");
    }

    @Test
    void uploadNeedsAnAdminTokenWithTheAdminRole() {
        String body = setPolicy("auth_cpu", "{'hardware': 2}");

        Response none = http.postJson("/policy", body);
        Response garbage = http.postJson("/policy", body, "Authorization", "Bearer not-a-jwt");
        Response stranger = http.postJson("/policy", body, "Authorization", bearer(STRANGER_KEY, "admin"));
        Response reader = http.postJson("/policy", body, "Authorization", bearer(ADMIN_KEY, "reader"));

        assertThat(none.status()).isEqualTo(401);
        assertThat(garbage.status()).isEqualTo(401);
        assertThat(stranger.status()).isEqualTo(401);
        assertThat(reader.status()).isEqualTo(403);
        assertThat(reader.contentType()).startsWith("application/problem+json");
        assertThat(reader.json().path("detail").asString()).contains("reader");
        assertThat(http.get("/policy/auth_cpu").status()).isEqualTo(404);
    }

    @Test
    void eddsaHeaderTokenFromATrustedEd25519KeyMayUpload() {
        String body = setPolicy("eddsa_cpu", "{'hardware': 2}");

        Response untrusted = http.postJson("/policy", body, "Authorization", eddsaBearer(ed25519(), "admin"));
        Response accepted = http.postJson("/policy", body, "Authorization", eddsaBearer(ED25519_ADMIN_KEY, "admin"));

        assertThat(untrusted.status()).isEqualTo(401);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(http.get("/policy/eddsa_cpu").status()).isEqualTo(200);
        assertThat(http.delete("/policy/eddsa_cpu", "Authorization", adminBearer()).status()).isEqualTo(204);
    }

    @Test
    void authenticationIsCheckedBeforeTheBodyIsRead() {
        Response response = http.postJson("/policy", "{ not json");

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void policiesWhoseEstimateExceedsTheBudgetAreRefusedWithTheReason() {
        Response nested = upload("nested_cpu",
                "{'hardware': input.sample.a.all(x, input.sample.b.all(y, x != y)) ? 2 : 97}");

        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.json().path("type").asString()).endsWith("/invalid-policy");
        assertThat(nested.json().path("detail").asString()).isEqualTo("policy 'nested_cpu' is over the evaluation "
                + "budget: nested comprehensions over `input.sample.a` and `input.sample.b` may run about 10^6 "
                + "iterations (a list or map the policy does not spell out is assumed to hold up to 1000 elements); "
                + "the budget is 100000 iterations per evaluation");
        assertThat(http.get("/policy/nested_cpu").status()).isEqualTo(404);
    }

    @Test
    void policiesThatDoNotCompileAreRefusedWithTheCompilerMessage() {
        Response syntax = upload("broken_cpu", "{'hardware': 2");
        Response undeclared = upload("broken_cpu", "{'hardware': nothing}");
        Response notAMap = upload("broken_cpu", "input.sample.debug == false");
        Response notBase64 = http.postJson("/policy", "{\"policy_id\": \"broken_cpu\", \"policy\": \"a+b/c=\"}",
                "Authorization", adminBearer());

        assertThat(syntax.status()).isEqualTo(400);
        assertThat(syntax.json().path("type").asString()).endsWith("/invalid-policy");
        assertThat(syntax.json().path("detail").asString()).contains("does not compile").contains("<input>:1:");
        assertThat(undeclared.json().path("detail").asString()).contains("undeclared reference to 'nothing'");
        assertThat(notAMap.status()).isEqualTo(400);
        assertThat(notAMap.json().path("detail").asString()).contains("evaluates to bool");
        assertThat(notBase64.status()).isEqualTo(400);
        assertThat(http.get("/policy/broken_cpu").status()).isEqualTo(404);
    }

    @Test
    void uploadedPoliciesAreListedReadUsedAndDeleted() throws Exception {
        String text = "{'hardware': input.sample.svn == '1' ? 2 : 97, 'configuration': 3}";

        assertThat(upload("strict_cpu", text).status()).isEqualTo(200);

        assertThat(http.get("/policy").json().findValuesAsString("policy-id"))
                .contains("strict_cpu", "default_cpu", "default_gpu", "default_switch", "default_ppcie").isSorted();
        Response read = http.get("/policy/strict_cpu");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.contentType()).startsWith("text/plain");
        assertThat(read.body()).isEqualTo(text);

        JsonNode cpu0 = attestCpu("strict");
        assertThat(cpu0.path("ear.appraisal-policy-id").asString()).isEqualTo("strict");
        assertThat(cpu0.path("ear.trustworthiness-vector").propertyNames())
                .containsExactlyInAnyOrder("hardware", "configuration");
        assertThat(cpu0.path("ear.trustworthiness-vector").path("configuration").asInt()).isEqualTo(3);

        assertThat(http.delete("/policy/strict_cpu").status()).isEqualTo(401);
        assertThat(http.delete("/policy/strict_cpu", "Authorization", bearer(ADMIN_KEY, "reader")).status())
                .isEqualTo(403);
        assertThat(http.delete("/policy/strict_cpu", "Authorization", adminBearer()).status()).isEqualTo(204);
        assertThat(http.get("/policy/strict_cpu").status()).isEqualTo(404);
        assertThat(http.delete("/policy/strict_cpu", "Authorization", adminBearer()).status()).isEqualTo(404);
        assertThat(http.postJson("/attestation", body("strict",
                withRaw(verificationRequest("sample", sampleEvidence("1", new byte[] {1})), new byte[] {1})))
                .status()).isEqualTo(400);
    }

    @Test
    void aPolicyWithoutClassSuffixAppliesToEveryDeviceClass() throws Exception {
        assertThat(upload("plain", "{'hardware': 2, 'runtime-opaque': 2}").status()).isEqualTo(200);

        JsonNode cpu0 = attestCpu("plain");

        assertThat(cpu0.path("ear.status").asString()).isEqualTo("affirming");
        assertThat(cpu0.path("ear.trustworthiness-vector").path("runtime-opaque").asInt()).isEqualTo(2);
    }

    @Test
    void anUploadOverridesTheBuiltInDefaultUntilDeleted() throws Exception {
        String builtIn = http.get("/policy/default_cpu").body();
        assertThat(builtIn).contains("rv_has('svn', input.sample.svn)");
        try {
            assertThat(upload("default_cpu", "{'hardware': 32}").status()).isEqualTo(200);
            assertThat(http.get("/policy/default_cpu").body()).isEqualTo("{'hardware': 32}");
            assertThat(attestCpu("default").path("ear.status").asString()).isEqualTo("warning");
        } finally {
            http.delete("/policy/default_cpu", "Authorization", adminBearer());
        }
        assertThat(http.get("/policy/default_cpu").body()).isEqualTo(builtIn);
        assertThat(http.delete("/policy/default_cpu", "Authorization", adminBearer()).json()
                .path("detail").asString()).contains("built in");
        assertThat(attestCpu("default").path("ear.status").asString()).isEqualTo("affirming");
    }

    @Test
    void anyEvaluationErrorFailsClosed() throws Exception {
        assertThat(upload("missingkey_cpu", "{'hardware': input.sample.no_such_claim == 1 ? 2 : 2}").status())
                .isEqualTo(200);
        assertThat(upload("badcategory_cpu", "{'hardware': 2, 'happiness': 2}").status()).isEqualTo(200);
        assertThat(upload("outofrange_cpu", "{'hardware': 2, 'configuration': 1000}").status()).isEqualTo(200);
        assertThat(upload("empty_cpu", "{}").status()).isEqualTo(200);

        for (String id : new String[] {"missingkey", "badcategory", "outofrange", "empty"}) {
            JsonNode cpu0 = attestCpu(id);
            assertThat(cpu0.path("ear.status").asString()).as(id).isEqualTo("contraindicated");
            assertThat(cpu0.path("ear.trustworthiness-vector").propertyNames()).as(id).containsExactly("hardware");
            assertThat(cpu0.path("ear.trustworthiness-vector").path("hardware").asInt()).as(id).isEqualTo(97);
        }
    }

    private Response uploadTyped(String id, String text, String type) {
        return http.postJson("/policy", "{\"policy_id\": \"" + id + "\", \"policy\": \"" + b64url(text)
                + "\", \"type\": \"" + type + "\"}", "Authorization", adminBearer());
    }

    private static final String REGO = """
            package policy
            trust_claims := {"hardware": 2} if input.sample.svn == "1"
            """;

    @Test
    void theEnvelopesTypeDeclaresTheLanguage() throws Exception {
        // upstream's envelope (kbs-client sends "type": "rego"; older documents say "opa")
        assertThat(uploadTyped("typed_rego_cpu", REGO, "rego").status()).isEqualTo(200);
        assertThat(uploadTyped("typed_opa_cpu", REGO, "opa").status()).isEqualTo(200);
        assertThat(uploadTyped("typed_cel_cpu", "{'hardware': 2}", "cel").status()).isEqualTo(200);
        assertThat(attestCpu("typed_rego").path("ear.trustworthiness-vector").path("hardware").asInt()).isEqualTo(2);
        assertThat(attestCpu("typed_cel").path("ear.trustworthiness-vector").path("hardware").asInt()).isEqualTo(2);

        // a declared language binds: the text is compiled in it, and refused with its compiler's message
        Response celAsRego = uploadTyped("mistyped_cpu", "{'hardware': 2}", "rego");
        Response regoAsCel = uploadTyped("mistyped_cpu", REGO, "cel");
        assertThat(celAsRego.status()).isEqualTo(400);
        assertThat(celAsRego.json().path("type").asString()).endsWith("/invalid-policy");
        assertThat(celAsRego.json().path("detail").asString()).contains("rego_parse_error");
        assertThat(regoAsCel.status()).isEqualTo(400);
        assertThat(regoAsCel.json().path("detail").asString()).contains("does not compile").doesNotContain("rego_");
        assertThat(http.get("/policy/mistyped_cpu").status()).isEqualTo(404);
    }

    @Test
    void anUnknownTypeIsABadRequest() {
        Response wasm = uploadTyped("wasm_cpu", REGO, "wasm");

        assertThat(wasm.status()).isEqualTo(400);
        assertThat(wasm.contentType()).startsWith("application/problem+json");
        assertThat(wasm.json().path("detail").asString()).isEqualTo("unknown policy type 'wasm': expected rego or cel");
        assertThat(http.get("/policy/wasm_cpu").status()).isEqualTo(404);
    }

    @Test
    void invalidPolicyIdsAreRefused() {
        assertThat(upload("../x", "{'hardware': 2}").status()).isEqualTo(400);
        assertThat(upload("", "{'hardware': 2}").status()).isEqualTo(400);
        assertThat(http.get("/policy/bad%20id").status()).isEqualTo(400);
    }

    @Test
    void extensionsAPolicyReturnsAppearInTheSubmod() throws Exception {
        assertThat(upload("tagged_cpu", "{'hardware': 2, 'extensions': {'org.example.workload': "
                + "{'svn': input.sample.svn, 'approved': ['a', 'b']}}}").status()).isEqualTo(200);
        assertThat(upload("reserved_cpu", "{'hardware': 2, 'extensions': {'ear.status': 'affirming'}}").status())
                .isEqualTo(200);

        JsonNode tagged = attestCpu("tagged");
        JsonNode reserved = attestCpu("reserved");

        assertThat(tagged.path("org.example.workload").toString()).isEqualTo("{\"svn\":\"1\",\"approved\":[\"a\",\"b\"]}");
        assertThat(tagged.path("ear.status").asString()).isEqualTo("affirming");
        assertThat(reserved.path("ear.status").asString()).as("a reserved extension name fails closed")
                .isEqualTo("contraindicated");
    }
}
