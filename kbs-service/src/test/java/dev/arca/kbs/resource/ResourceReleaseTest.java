package dev.arca.kbs.resource;

import com.nimbusds.jose.jwk.ECKey;
import dev.arca.kbs.testing.FakeAttestationServer;
import dev.arca.kbs.testing.KbsHttp;
import dev.arca.kbs.testing.KbsIntegrationTest;
import dev.arca.kbs.testing.SampleGuest;
import dev.arca.kbs.testing.TestEnvironment;
import dev.arca.kbs.policy.ResourcePolicyService;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.JweResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resource release in passport (bearer) mode with tokens minted by the fake AS's key, so every token property can be
 * varied: signature, expiry, kid, claims (Trustee attestation_token_verification.md; Trustee kbs/sample_policies;
 * Trustee resource_repository.md).
 */
class ResourceReleaseTest extends KbsIntegrationTest {

    static final byte[] SECRET = "the release secret".getBytes(StandardCharsets.UTF_8);

    final SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.P256);

    @BeforeEach
    void secretAndPolicy() {
        setResourcePolicy(ALLOW_SAMPLE);
        putResource("default/key/release", SECRET);
    }

    String token(String status, Instant iat, Duration life, ECKey key) {
        Map<String, Object> annotated = new LinkedHashMap<>();
        annotated.put("sample", Map.of("svn", "1"));
        annotated.put("runtime_data_claims", Map.of("nonce", "n", "tee-pubkey",
                Json.convert(guest.teePubkey(), Map.class)));
        Map<String, Object> submods = Map.of("cpu0", FakeAttestationServer.submod(status, annotated));
        return FakeAttestationServer.sign(FakeAttestationServer.earClaims(submods, iat, life), key);
    }

    String validToken() {
        return token("affirming", Instant.now(), Duration.ofMinutes(5), TestEnvironment.AS.signingKey());
    }

    KbsHttp.Answer fetch(String token) {
        return http.get("/kbs/v0/resource/default/key/release", "Authorization", "Bearer " + token);
    }

    static JsonNode problem(KbsHttp.Answer answer, int status, String name) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Json.tree(answer.body());
        assertThat(problem.get("type").asString()).endsWith("/errors/" + name);
        assertThat(answer.body()).doesNotContain("ciphertext").doesNotContain("Exception");
        return problem;
    }

    @Test
    void aValidBearerTokenGetsTheSecret() {
        KbsHttp.Answer answer = fetch(validToken());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(guest.decrypt(Json.read(answer.body(), JweResponse.class))).isEqualTo(SECRET);
    }

    @Test
    void aTamperedTokenIsRefused() {
        String[] parts = validToken().split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("affirming", "warning!!");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        problem(fetch(tampered), 401, "TokenVerifierError");
        problem(fetch("not.a.jwt"), 401, "TokenVerifierError");
        problem(fetch(parts[0] + "." + parts[1] + "."), 401, "TokenVerifierError");
    }

    @Test
    void expiryIsCheckedWithSixtySecondsLeeway() {
        Instant now = Instant.now();
        problem(fetch(token("affirming", now.minusSeconds(600), Duration.ofSeconds(300), TestEnvironment.AS.signingKey())),
                401, "TokenVerifierError");
        KbsHttp.Answer withinLeeway = fetch(token("affirming", now.minusSeconds(330), Duration.ofSeconds(300),
                TestEnvironment.AS.signingKey()));
        assertThat(withinLeeway.status()).as(withinLeeway.body()).isEqualTo(200);
    }

    @Test
    void aKeyTheAsDoesNotPublishIsRefused() {
        ECKey rogue = FakeAttestationServer.newKey();
        JsonNode problem = problem(fetch(token("affirming", Instant.now(), Duration.ofMinutes(5), rogue)),
                401, "TokenVerifierError");
        assertThat(problem.get("detail").asString()).contains("unknown key");
    }

    @Test
    void aTokenWithoutATeeKeyIsRefused() {
        Map<String, Object> submods = Map.of("cpu0", FakeAttestationServer.submod("affirming",
                Map.of("sample", Map.of("svn", "1"))));
        String token = FakeAttestationServer.sign(
                FakeAttestationServer.earClaims(submods, Instant.now(), Duration.ofMinutes(5)),
                TestEnvironment.AS.signingKey());
        problem(fetch(token), 401, "TokenVerifierError");
    }

    @Test
    void noTokenIsTokenNotFound() {
        problem(http.get("/kbs/v0/resource/default/key/release"), 401, "TokenNotFound");
        problem(http.get("/kbs/v0/resource/default/key/release", "Authorization", "Basic YTpi"), 401, "TokenNotFound");
        problem(http.get("/kbs/v0/resource/default/key/release", "Cookie", "kbs-session-id=0123456789abcdef0123456789abcdef"),
                401, "TokenNotFound");
    }

    @Test
    void aPolicyDenialReleasesNothing() {
        setResourcePolicy(ResourcePolicyService.DEFAULT_POLICY);
        JsonNode problem = problem(fetch(validToken()), 403, "PolicyDeny");
        assertThat(problem.get("detail").asString()).isEqualTo("Access denied by policy");

        setResourcePolicy("request.query.purpose == \"boot\"");
        problem(fetch(validToken()), 403, "PolicyDeny");
        KbsHttp.Answer withQuery = http.get("/kbs/v0/resource/default/key/release?purpose=boot",
                "Authorization", "Bearer " + validToken());
        assertThat(withQuery.status()).as(withQuery.body()).isEqualTo(200);

        setResourcePolicy("input.submods.cpu0[\"ear.status\"] == \"affirming\"");
        problem(fetch(token("warning", Instant.now(), Duration.ofMinutes(5), TestEnvironment.AS.signingKey())),
                403, "PolicyDeny");
    }

    @Test
    void aMissingSecretIsNotFound() {
        KbsHttp.Answer answer = http.get("/kbs/v0/resource/default/key/absent", "Authorization", "Bearer " + validToken());
        problem(answer, 404, "ResourceNotFound");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/kbs/v0/resource/default/key/../key/release",
        "/kbs/v0/resource/default/key/%2e%2e/key/release",
        "/kbs/v0/resource/default/../default/key/release",
        "/kbs/v0/resource/default/.key/release",
        "/kbs/v0/resource/default/key/.release",
        "/kbs/v0/resource/default/key",
        "/kbs/v0/resource/default/key/release/extra",
        "/kbs/v0/resource/default/key/release/",
        "/kbs/v0/resource/default%2Fkey/release/x",
        "/kbs/v0/resource/default/key%2Frelease/x",
        "/kbs/v0/resource/default/key;x=1/release",
        "/kbs/v0/resource/default/key/rel%20ease",
        "/kbs/v0/resource/default/key/%zz",
        "/kbs/v0/resource/x/../../resource/default/key/release",
        "/kbs/v0/resource/../../etc/passwd",
        "/kbs/v0/resource/default/key/release%00",
        "/kbs/v0/resource/default/key/release%2500"
    })
    void traversalAndMalformedPathsAreNeverServed(String rawPath) {
        KbsHttp.RawAnswer answer = http.raw("GET", rawPath, "Authorization: Bearer " + validToken());
        assertThat(answer.status()).as(rawPath + " → " + answer.body()).isEqualTo(400);
        assertThat(answer.head()).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer.body()).contains("/errors/InvalidRequest")
                .doesNotContain("ciphertext").doesNotContain("Exception").doesNotContain("Tomcat");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void everyReleaseAndRefusalIsAuditedInTheLogAndTheDatabase(CapturedOutput output) {
        java.time.Instant since = java.time.Instant.now().minusMillis(1);
        String token = validToken();
        assertThat(fetch(token).status()).isEqualTo(200);
        setResourcePolicy("false");
        problem(fetch(token), 403, "PolicyDeny");
        problem(http.get("/kbs/v0/resource/default/key/release"), 401, "TokenNotFound");

        String log = output.getOut();
        assertThat(log).contains("dev.arca.kbs.audit");
        assertThat(log).contains("\"plugin\":\"resource\",\"resource\":\"default/key/release\",\"decision\":\"released\","
                + "\"policy_id\":\"resource-policy\",\"reason\":\"allowed by policy resource-policy\",\"via\":\"bearer\"");
        assertThat(log).contains("\"decision\":\"refused\",\"policy_id\":\"resource-policy\","
                + "\"reason\":\"denied by policy resource-policy\"");
        assertThat(log).contains("\"reason\":\"TokenNotFound: Attestation Token not found\"");
        assertThat(log).doesNotContain(new String(SECRET, StandardCharsets.UTF_8)).doesNotContain(token);

        KbsHttp.Answer records = http.get("/kbs/v0/admin/audit?since=" + since + "&limit=1000",
                "Authorization", admin());
        assertThat(records.status()).as(records.body()).isEqualTo(200);
        List<JsonNode> mine = new java.util.ArrayList<>();
        Json.tree(records.body()).forEach(r -> {
            if ("default/key/release".equals(r.path("resource").asString())) {
                mine.add(r);
            }
        });
        assertThat(mine).hasSizeGreaterThanOrEqualTo(3);
        JsonNode released = mine.get(mine.size() - 3);
        assertThat(released.get("decision").asString()).isEqualTo("released");
        assertThat(released.get("tee").asString()).isEqualTo("sample");
        assertThat(released.get("claims_sha256").asString()).hasSize(64)
                .isEqualTo(dev.arca.kbs.audit.AuditLog.claimsDigest(Json.tree(new String(
                        Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8))));
        assertThat(released.get("status").asInt()).isEqualTo(200);
        JsonNode denied = mine.get(mine.size() - 2);
        assertThat(denied.get("decision").asString()).isEqualTo("refused");
        assertThat(denied.get("policy_id").asString()).isEqualTo("resource-policy");
        assertThat(denied.get("status").asInt()).isEqualTo(403);
        JsonNode anonymous = mine.getLast();
        assertThat(anonymous.get("reason").asString()).startsWith("TokenNotFound");
        assertThat(anonymous.has("claims_sha256")).isFalse();
        assertThat(records.body()).doesNotContain(new String(SECRET, StandardCharsets.UTF_8));

        // paging continues after an id; bad parameters are 400s
        long lastId = released.get("id").asLong();
        JsonNode next = Json.tree(http.get("/kbs/v0/admin/audit?after=" + lastId + "&limit=1", "Authorization",
                admin()).body());
        assertThat(next).hasSize(1);
        assertThat(next.get(0).get("id").asLong()).isGreaterThan(lastId);
        problem(http.get("/kbs/v0/admin/audit?since=yesterday", "Authorization", admin()), 400, "InvalidRequest");
        problem(http.get("/kbs/v0/admin/audit?limit=0", "Authorization", admin()), 400, "InvalidRequest");
        problem(http.get("/kbs/v0/admin/audit"), 401, "AdminAuthAccess");
        problem(http.get("/kbs/v0/admin/audit", "Authorization", TestEnvironment.adminBearer("viewer")), 403,
                "AdminAccessForbidden");
    }
}
