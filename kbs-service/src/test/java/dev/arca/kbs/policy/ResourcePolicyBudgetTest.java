package dev.arca.kbs.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.kbs.testing.FakeAttestationServer;
import dev.arca.kbs.testing.KbsHttp;
import dev.arca.kbs.testing.KbsIntegrationTest;
import dev.arca.kbs.testing.SampleGuest;
import dev.arca.kbs.testing.TestEnvironment;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The evaluation budget over real HTTP (docs/policies.md "Budget and deadline"): a policy whose estimate exceeds the
 * budget is refused at upload with the reason; a release under a policy that runs over budget is denied.
 */
class ResourcePolicyBudgetTest extends KbsIntegrationTest {

    static final String NESTED = "input.submods.cpu0['ear.veraison.annotated-evidence'].sample.x.all(a, "
            + "input.submods.cpu0['ear.veraison.annotated-evidence'].sample.y.all(b, a != b))";

    final SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.P256);

    static String upload(String cel) {
        return Base64s.url(cel.getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode problem(KbsHttp.Answer answer, int status, String name) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Json.tree(answer.body());
        assertThat(problem.get("type").asString()).endsWith("/errors/" + name);
        assertThat(answer.body()).doesNotContain("Exception");
        return problem;
    }

    @Test
    void nestedLoopsOverTwoClaimListsAreRefusedAtUploadWithTheReason() {
        String before = http.get("/kbs/v0/resource-policy", "Authorization", admin()).body();

        JsonNode upstream = problem(http.post("/kbs/v0/resource-policy", "{\"policy\":\"" + upload(NESTED) + "\"}",
                "Authorization", admin()), 400, "ParsePolicyError");
        assertThat(upstream.get("detail").asString()).startsWith("Failed to parse policy: nested comprehensions over "
                + "`input.submods.cpu0[\"ear.veraison.annotated-evidence\"].sample.x` and `input.submods.cpu0["
                + "\"ear.veraison.annotated-evidence\"].sample.y` may run about 10^6 iterations")
                .endsWith("the budget is 100000 iterations per evaluation");

        JsonNode admin = problem(http.put(PolicyAdminController.BASE + "/nested", "{\"policy\":\"" + upload(NESTED)
                + "\",\"binding\":\"budget/\"}", "Authorization", admin()), 400, "ParsePolicyError");
        assertThat(admin.get("detail").asString()).contains("may run about 10^6 iterations");

        assertThat(http.get("/kbs/v0/resource-policy", "Authorization", admin()).body()).as("nothing stored")
                .isEqualTo(before);
    }

    @Test
    void aReleaseUnderAPolicyThatRunsOverBudgetIsDenied() {
        putResource("budget/key/secret", "budget secret".getBytes(StandardCharsets.UTF_8));
        // passes the estimate (the list of lists is built by the policy), runs 400 × 400 iterations at release time,
        // and cel-java's map accumulation re-reads what it has built in each step
        String policy = "cel.bind(l, input.submods.cpu0['ear.veraison.annotated-evidence'].sample.l, "
                + "l.map(a, l).all(r, r.all(b, b >= 0)))";
        KbsHttp.Answer stored = http.put(PolicyAdminController.BASE + "/budget", "{\"policy\":\"" + upload(policy)
                + "\",\"binding\":\"budget/\"}", "Authorization", admin());
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);

        KbsHttp.Answer small = fetch(token(100));
        assertThat(small.status()).as("within budget: released").isEqualTo(200);

        JsonNode denied = problem(fetch(token(400)), 403, "PolicyDeny");
        assertThat(denied.get("detail").asString()).isEqualTo("Access denied by policy");
        JsonNode audit = Json.tree(http.get("/kbs/v0/admin/audit?limit=1000", "Authorization", admin()).body());
        JsonNode last = null;
        for (JsonNode record : audit) {
            if ("budget/key/secret".equals(record.path("resource").asString())) {
                last = record;
            }
        }
        assertThat(last).isNotNull();
        assertThat(last.get("decision").asString()).isEqualTo("refused");
        // the iteration count or the deadline, whichever this machine reaches first
        assertThat(last.get("reason").asString()).startsWith("denied by policy budget: over its evaluation budget "
                + "(the evaluation ");
    }

    KbsHttp.Answer fetch(String token) {
        return http.get("/kbs/v0/resource/budget/key/secret", "Authorization", "Bearer " + token);
    }

    String token(int listSize) {
        Map<String, Object> annotated = new LinkedHashMap<>();
        List<Long> list = LongStream.range(0, listSize).boxed().toList();
        annotated.put("sample", Map.of("svn", "1", "l", list));
        annotated.put("runtime_data_claims", Map.of("nonce", "n", "tee-pubkey",
                Json.convert(guest.teePubkey(), Map.class)));
        Map<String, Object> submods = Map.of("cpu0", FakeAttestationServer.submod("affirming", annotated));
        return FakeAttestationServer.sign(FakeAttestationServer.earClaims(submods, Instant.now(),
                Duration.ofMinutes(5)), TestEnvironment.AS.signingKey());
    }
}
