package dev.arca.kbs.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.kbs.testing.FakeAttestationServer;
import dev.arca.model.json.Json;
import dev.arca.policy.cel.PolicyRejectedException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Rego resource policies with upstream's contract (protocol 0.4.0): {@code data.policy.allow}, {@code input} the
 * token claims, {@code data} = {plugin, resource-path, query}. The policies are written here from the documented
 * behaviour of kbs-client's built-ins (allow-all, deny-all, affirming) and of Arca's CEL default.
 */
class RegoResourcePolicyTest {

    static final String REGO_DEFAULT = """
            # Arca's default in Rego: resources only, to an affirming cpu0 that is not the sample TEE
            package policy
            import rego.v1

            default allow := false

            allow if {
            	data.plugin == "resource"
            	input.submods.cpu0["ear.status"] == "affirming"
            	not input.submods.cpu0["ear.veraison.annotated-evidence"].sample
            }
            """;
    static final String ALLOW_ALL = "package policy\ndefault allow = false\nallow { data.plugin == \"resource\" }\n";
    static final String DENY_ALL = "package policy\n\ndefault allow := false\n";
    static final String AFFIRMING = """
            package policy
            import rego.v1

            default allow := false

            allow if {
            	count(input.submods) > 0
            	every submod in input.submods { submod["ear.status"] == "affirming" }
            }
            """;

    final ResourcePolicyEngine engine = new ResourcePolicyEngine(ResourcePolicyProperties.DEFAULTS);
    final PolicyRequest resource = new PolicyRequest("resource", List.of("default", "key", "one"), Map.of("v", "2"));
    final PolicyRequest plugin = new PolicyRequest("pkcs11", List.of("slot", "0"), Map.of());

    static JsonNode claims(String status, String tee) {
        Map<String, Object> annotated = Map.of(tee, Map.of("svn", "1"), "report_data", "AAAA");
        return Json.tree(Json.write(FakeAttestationServer.earClaims(
                Map.of("cpu0", FakeAttestationServer.submod(status, annotated)), Instant.now(), Duration.ofMinutes(5))));
    }

    @Test
    void theLanguageIsTakenFromTheText() {
        assertThat(PolicyLanguage.of("package policy\nallow := true")).isEqualTo(PolicyLanguage.REGO);
        assertThat(PolicyLanguage.of("# comment\n\n  package policy")).isEqualTo(PolicyLanguage.REGO);
        assertThat(PolicyLanguage.of("request.plugin == 'resource'")).isEqualTo(PolicyLanguage.CEL);
        assertThat(PolicyLanguage.of("packages == 1")).isEqualTo(PolicyLanguage.CEL);
        assertThat(PolicyLanguage.of(" ".repeat(100_000) + "x")).isEqualTo(PolicyLanguage.CEL);
    }

    @Test
    void regoDefaultDecidesAsTheCelDefault() {
        for (String status : List.of("affirming", "warning", "contraindicated")) {
            for (String tee : List.of("tdx", "snp", "sample")) {
                for (PolicyRequest request : List.of(resource, plugin)) {
                    JsonNode c = claims(status, tee);
                    assertThat(engine.allows(REGO_DEFAULT, c, request))
                            .as("%s %s %s", status, tee, request.plugin())
                            .isEqualTo(engine.allows(ResourcePolicyService.DEFAULT_POLICY, c, request));
                }
            }
        }
        assertThat(engine.allows(REGO_DEFAULT, claims("affirming", "tdx"), resource)).isTrue();
    }

    @Test
    void kbsClientStyleBuiltIns() {
        JsonNode good = claims("affirming", "tdx");
        JsonNode bad = claims("warning", "tdx");
        assertThat(engine.allows(ALLOW_ALL, bad, resource)).isTrue();
        assertThat(engine.allows(ALLOW_ALL, good, plugin)).isFalse();
        assertThat(engine.allows(DENY_ALL, good, resource)).isFalse();
        assertThat(engine.allows(AFFIRMING, good, resource)).isTrue();
        assertThat(engine.allows(AFFIRMING, bad, resource)).isFalse();
        assertThat(engine.allows(AFFIRMING, Json.tree("{\"submods\":{}}"), resource)).isFalse();
    }

    @Test
    void policiesSeeUpstreamsDataShape() {
        String policy = """
                package policy
                allow if {
                	data["resource-path"] == ["default", "key", "one"]
                	data.query.v == "2"
                	data.method == "GET"
                }
                """;
        assertThat(engine.allows(policy, claims("affirming", "tdx"), resource)).isTrue();
        assertThat(engine.allows(policy, claims("affirming", "tdx"), plugin)).isFalse();
    }

    @Test
    void onlyExactlyTrueReleasesAndFailuresDeny() {
        JsonNode c = claims("affirming", "tdx");
        assertThat(engine.allows("package policy\nallow := \"yes\"", c, resource)).isFalse();
        assertThat(engine.allows("package policy\nother := true", c, resource)).isFalse();
        assertThat(engine.evaluate("package policy\nallow := 1 if { true }\nallow := 2 if { true }", c, resource)
                .verdict()).isEqualTo(ResourcePolicyEngine.Verdict.FAILED);
        assertThat(engine.evaluate("package policy\nallow if count([1 | some a in numbers.range(1, 2000); "
                + "some b in numbers.range(1, 2000)]) > 0", c, resource).verdict())
                .isEqualTo(ResourcePolicyEngine.Verdict.BUDGET_EXCEEDED);
        assertThat(engine.allows("package policy\nallow if {", c, resource)).isFalse();
    }

    @Test
    void uploadRefusesRegoThatDoesNotCompileWithLineAndColumn() {
        assertThatThrownBy(() -> engine.validate("package policy\nallow if {\n  input.x ==\n}"))
                .isInstanceOf(PolicyRejectedException.class)
                .hasMessageContaining("4:1")
                .hasMessageContaining("rego_parse_error");
        assertThatThrownBy(() -> engine.validate("package policy\nallow if no_such_function(1)"))
                .isInstanceOf(PolicyRejectedException.class)
                .hasMessageContaining("undefined function no_such_function");
    }
}
