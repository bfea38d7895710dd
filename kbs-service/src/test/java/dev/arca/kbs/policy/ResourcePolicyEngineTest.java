package dev.arca.kbs.policy;

import dev.arca.kbs.testing.FakeAttestationServer;
import dev.arca.model.json.Json;
import dev.arca.policy.cel.PolicyRejectedException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourcePolicyEngineTest {

    final ResourcePolicyEngine engine = new ResourcePolicyEngine(ResourcePolicyProperties.DEFAULTS);
    final PolicyRequest request = new PolicyRequest("resource", List.of("default", "key", "one"), Map.of("v", "2"));

    static JsonNode claims(String status, String tee) {
        Map<String, Object> annotated = Map.of(tee, Map.of("svn", "1", "debug", false, "tcb", 7),
                "report_data", "AAAA");
        return Json.tree(Json.write(FakeAttestationServer.earClaims(
                Map.of("cpu0", FakeAttestationServer.submod(status, annotated)), Instant.now(), Duration.ofMinutes(5))));
    }

    @Test
    void theDefaultPolicyReleasesToAnAffirmingRealTeeOnly() {
        String policy = ResourcePolicyService.DEFAULT_POLICY;
        assertThat(engine.allows(policy, claims("affirming", "tdx"), request)).isTrue();
        assertThat(engine.allows(policy, claims("affirming", "sample"), request)).isFalse();
        assertThat(engine.allows(policy, claims("warning", "snp"), request)).isFalse();
        assertThat(engine.allows(policy, Json.tree("{}"), request)).isFalse();
    }

    @Test
    void policiesSeeClaimsAndTheRequest() {
        assertThat(engine.allows("request.plugin == 'resource' && request.path == ['default', 'key', 'one']"
                + " && request.query.v == '2'", claims("affirming", "tdx"), request)).isTrue();
        assertThat(engine.allows("input.submods.cpu0['ear.veraison.annotated-evidence'].tdx.tcb >= 7"
                + " && !input.submods.cpu0['ear.veraison.annotated-evidence'].tdx.debug",
                claims("affirming", "tdx"), request)).isTrue();
        assertThat(engine.allows("input.submods.all(k, input.submods[k]['ear.status'] == 'affirming')",
                claims("affirming", "tdx"), request)).isTrue();
        assertThat(engine.allows("has(input.submods.gpu0)", claims("affirming", "tdx"), request)).isFalse();
        assertThat(engine.allows("request.path[2] == 'two'", claims("affirming", "tdx"), request)).isFalse();
    }

    @Test
    void onlyTrueReleases() {
        JsonNode claims = claims("affirming", "tdx");
        assertThat(engine.allows("true", claims, request)).isTrue();
        assertThat(engine.allows("false", claims, request)).isFalse();
        // dyn results that are not the boolean true, and evaluation errors, deny
        assertThat(engine.allows("input.iat", claims, request)).isFalse();
        assertThat(engine.allows("input.no_such_claim == 1", claims, request)).isFalse();
        assertThat(engine.allows("input.submods.cpu0['ear.status'] / 2 == 1", claims, request)).isFalse();
        // a stored policy that no longer compiles denies too
        assertThat(engine.allows("this is not CEL", claims, request)).isFalse();
    }

    @Test
    void claimsCompareByNumericValueAcrossIntAndDouble() {
        JsonNode claims = claims("affirming", "tdx");
        assertThat(engine.allows("input.submods.cpu0['ear.veraison.annotated-evidence'].tdx.tcb == 7.0", claims,
                request)).isTrue();
        assertThat(engine.allows("input.submods.cpu0['ear.veraison.annotated-evidence'].tdx.tcb < 7.5", claims,
                request)).isTrue();
        assertThat(engine.allows("input.submods.cpu0['ear.veraison.annotated-evidence'].tdx.tcb in [6.0, 7.0]",
                claims, request)).isTrue();
    }

    @Test
    void anEvaluationOverItsBudgetDenies() {
        ResourcePolicyEngine small = new ResourcePolicyEngine(new ResourcePolicyProperties(1_000,
                java.time.Duration.ofSeconds(10), 10, 16));
        String policy = "input.l.all(a, a >= 0)";
        JsonNode over = Json.tree(Json.write(Map.of("l", java.util.stream.LongStream.range(0, 1_001).boxed()
                .toList())));
        assertThat(small.evaluate(policy, over, request)).isEqualTo(new ResourcePolicyEngine.Evaluation(
                ResourcePolicyEngine.Verdict.BUDGET_EXCEEDED,
                "the evaluation reached its budget of 1000 comprehension iterations"));
        assertThat(small.allows(policy, over, request)).isFalse();
        JsonNode within = Json.tree(Json.write(Map.of("l", java.util.stream.LongStream.range(0, 1_000).boxed()
                .toList())));
        assertThat(small.allows(policy, within, request)).as("the same policy within budget").isTrue();
    }

    @Test
    void compileErrorsCarryTheCompilerMessage() {
        assertThatThrownBy(() -> engine.compile("input.x ==")).isInstanceOf(PolicyRejectedException.class)
                .hasMessageContaining("ERROR: <input>:1:");
        assertThatThrownBy(() -> engine.compile("inptu.x == 1")).hasMessageContaining("undeclared reference");
        assertThatThrownBy(() -> engine.compile("1 + 1")).hasMessageContaining("must evaluate to a bool");
        assertThatThrownBy(() -> engine.compile("'a'")).hasMessageContaining("must evaluate to a bool");
    }
}
