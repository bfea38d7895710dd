package dev.arca.attestation.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Whatever goes wrong while evaluating, the engine answers contraindicated, never a trusted vector. */
class PolicyEngineTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ObjectNode INPUT = (ObjectNode) JSON.readTree("{\"sample\": {\"svn\": \"1\", \"n\": 5}}");

    private final InMemoryReferenceValues rvs = new InMemoryReferenceValues().put("svn", "[\"1\"]");
    private final PolicyEngine engine = new PolicyEngine(new CelPolicyCompiler(rvs, PolicyProperties.DEFAULTS),
            new RegoPolicyCompiler(rvs, PolicyProperties.DEFAULTS));

    private PolicyVerdict appraise(String text) {
        return engine.appraise(new NamedPolicy("test_cpu", text), INPUT);
    }

    private static void assertFailedClosed(PolicyVerdict verdict, String reason) {
        assertThat(verdict.failure()).isEqualTo(reason);
        assertThat(verdict.trustVector().byName()).isEqualTo(Map.of("hardware", 97));
        assertThat(verdict.trustVector().status().wireName()).isEqualTo("contraindicated");
        assertThat(verdict.extensions()).isEmpty();
    }

    @Test
    void anRvpsFailureFailsClosedEvenWhereTheExpressionAbsorbsIt() {
        assertThat(appraise("{'hardware': rv_has('svn', input.sample.svn) || true ? 2 : 97}").failedClosed())
                .isFalse();
        rvs.setDown(true);

        assertFailedClosed(appraise("{'hardware': rv_has('svn', input.sample.svn) ? 2 : 97}"),
                PolicyVerdict.RVPS_UNAVAILABLE);
        assertFailedClosed(appraise("{'hardware': rv_has('svn', input.sample.svn) || true ? 2 : 97}"),
                PolicyVerdict.RVPS_UNAVAILABLE);

        rvs.setDown(false);
        assertThat(appraise("{'hardware': rv_has('svn', input.sample.svn) ? 2 : 97}").trustVector().byName())
                .isEqualTo(Map.of("hardware", 2));
    }

    @Test
    void anEvaluationOverItsBudgetFailsClosed() {
        PolicyProperties tight = new PolicyProperties(1_000, java.time.Duration.ofSeconds(10), 10, 16,
                java.time.Duration.ofSeconds(5));
        PolicyEngine small = new PolicyEngine(new CelPolicyCompiler(rvs, tight), new RegoPolicyCompiler(rvs, tight));
        ObjectNode big = JSON.createObjectNode();
        tools.jackson.databind.node.ArrayNode list = big.putArray("l");
        for (int i = 0; i < 1_001; i++) {
            list.add(i);
        }

        PolicyVerdict verdict = small.appraise(new NamedPolicy("test_cpu", "{'hardware': input.l.all(x, x >= 0) ? 2 : 97}"),
                big);

        assertFailedClosed(verdict, PolicyVerdict.BUDGET_EXCEEDED);
        list.remove(1_000);
        assertThat(small.appraise(new NamedPolicy("test_cpu", "{'hardware': input.l.all(x, x >= 0) ? 2 : 97}"), big)
                .trustVector().byName()).as("within budget").isEqualTo(Map.of("hardware", 2));
    }

    @Test
    void runtimeErrorsAndBadResultsFailClosed() {
        for (String text : new String[] {
                "{'hardware': input.sample.missing == 1 ? 2 : 2}",
                "{'hardware': input.sample.n / 0}",
                "{'hardware': input.sample.svn.size() > 0 ? 2 : 2, 'nonsense': 2}",
                "{'hardware': 2, 'configuration': 300}",
                "{'extensions': {'x.y': 1}}",
                "{'hardware': 2, 'extensions': {'ear.appraisal-policy-id': 'forged'}}",
                "{'hardware': [1, 2, 3].all(i, i > 0) ? 2 : 2, 'executables': input.sample.svn}",
                "dyn({'hardware': 2})['hardware'] == 2 ? {'hardware': 2} : {}"}) {
            PolicyVerdict verdict = appraise(text);
            if (text.startsWith("dyn(")) {
                assertThat(verdict.trustVector().byName()).as(text).isEqualTo(Map.of("hardware", 2));
            } else {
                assertFailedClosed(verdict, PolicyVerdict.POLICY_ERROR);
            }
        }
    }
}
