package dev.arca.kbs.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.kbs.testing.FakeAttestationServer;
import dev.arca.model.json.Json;
import dev.arca.model.policy.BuiltInResourcePolicy;
import dev.arca.policy.cel.PolicyRejectedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Rego resource policies with upstream's contract (protocol 0.4.0): {@code data.policy.allow}, {@code input} the
 * token claims, {@code data} = {plugin, resource-path, query}; and the three-way agreement of the built-in resource
 * policies ({@link BuiltInResourcePolicy}): for each token and request of the table, upstream's documented outcome
 * (the KBS specification §5.2: the default, and kbs-client's allow-all, deny-all and affirming samples), Arca's CEL
 * policy and Arca's Rego policy decide alike. Arca's default departs from upstream's on purpose: it also requires an
 * affirming cpu0 (docs/policies.md "Upstream's default, and Arca's").
 */
class RegoResourcePolicyTest {

    final ResourcePolicyEngine engine = new ResourcePolicyEngine(ResourcePolicyProperties.DEFAULTS);
    static final PolicyRequest RESOURCE = new PolicyRequest("resource", List.of("default", "key", "one"),
            Map.of("v", "2"));
    static final PolicyRequest PLUGIN = new PolicyRequest("pkcs11", List.of("slot", "0"), Map.of());
    final PolicyRequest resource = RESOURCE;
    final PolicyRequest plugin = PLUGIN;

    static JsonNode claims(String status, String tee) {
        return token(Map.of("cpu0", submod(status, tee)));
    }

    static Map<String, Object> submod(String status, String tee) {
        return FakeAttestationServer.submod(status, Map.of(tee, Map.of("svn", "1"), "report_data", "AAAA"));
    }

    static JsonNode token(Map<String, Object> submods) {
        return Json.tree(Json.write(FakeAttestationServer.earClaims(submods, Instant.now(), Duration.ofMinutes(5))));
    }

    /**
     * One row: a token and a request, and what each policy decides: upstream's default, Arca's default, allow-all,
     * deny-all, affirming (upstream's documented outcome; Arca's default where it departs).
     */
    record Row(String name, JsonNode claims, PolicyRequest request, boolean upstreamDefault, boolean arcaDefault,
            boolean allowAll, boolean denyAll, boolean affirming) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("tdx affirming, resource", claims("affirming", "tdx"), RESOURCE, true, true, true, false, true),
                new Row("tdx warning, resource", claims("warning", "tdx"), RESOURCE, true, false, true, false, false),
                new Row("snp contraindicated, resource", claims("contraindicated", "snp"), RESOURCE,
                        true, false, true, false, false),
                new Row("sample affirming, resource", claims("affirming", "sample"), RESOURCE,
                        false, false, true, false, true),
                new Row("sample warning, resource", claims("warning", "sample"), RESOURCE,
                        false, false, true, false, false),
                new Row("tdx affirming, another plugin", claims("affirming", "tdx"), PLUGIN,
                        false, false, false, false, true),
                new Row("tdx affirming + gpu warning (composite), resource",
                        token(Map.of("cpu0", submod("affirming", "tdx"), "gpu0", submod("warning", "nvidia"))),
                        RESOURCE, true, true, true, false, false),
                new Row("tdx affirming + gpu affirming (composite), resource",
                        token(Map.of("cpu0", submod("affirming", "tdx"), "gpu0", submod("affirming", "nvidia"))),
                        RESOURCE, true, true, true, false, true),
                // upstream's default only looks for a sample member, so a token without cpu0 passes it; Arca's fails
                // closed
                new Row("no devices, resource", Json.tree("{\"submods\": {}}"), RESOURCE,
                        true, false, true, false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void builtInsInCelAndRegoDecideAsDocumented(Row row) {
        Map<BuiltInResourcePolicy, Boolean> expected = Map.of(BuiltInResourcePolicy.DEFAULT, row.arcaDefault(),
                BuiltInResourcePolicy.ALLOW_ALL, row.allowAll(), BuiltInResourcePolicy.DENY_ALL, row.denyAll(),
                BuiltInResourcePolicy.AFFIRMING, row.affirming());
        expected.forEach((policy, allowed) -> {
            assertThat(engine.allows(policy.cel(), row.claims(), row.request())).as("%s, CEL %s", row, policy)
                    .isEqualTo(allowed);
            assertThat(engine.allows(policy.rego(), row.claims(), row.request())).as("%s, Rego %s", row, policy)
                    .isEqualTo(allowed);
        });
        // Arca's default is upstream's with the affirming test: it never releases what upstream's refuses
        if (row.arcaDefault()) {
            assertThat(row.upstreamDefault()).isTrue();
        }
    }

    /**
     * Against upstream's own files rather than their documentation: with
     * {@code -Darca.upstream.resource-policies=<Trustee checkout>/kbs/sample_policies} (never part of this
     * repository), Trustee's default, allow_all, deny_all and affirming policies run unchanged and must decide every
     * row as the row says upstream's do. Without the folder there is nothing to compare against, and the test says so.
     */
    @Test
    void upstreamsOwnSamplePoliciesDecideAsDocumented() throws IOException {
        String folder = System.getProperty("arca.upstream.resource-policies",
                System.getenv("ARCA_UPSTREAM_RESOURCE_POLICIES"));
        Assumptions.assumeTrue(folder != null, "no upstream policy folder (-Darca.upstream.resource-policies)");
        SoftAssertions decisions = new SoftAssertions();
        for (Row row : rows().toList()) {
            Map<String, Boolean> expected = Map.of("default", row.upstreamDefault(), "allow_all", row.allowAll(),
                    "deny_all", row.denyAll(), "affirming", row.affirming());
            for (Map.Entry<String, Boolean> policy : expected.entrySet()) {
                String text = Files.readString(Path.of(folder, policy.getKey() + ".rego"));
                decisions.assertThat(engine.allows(text, row.claims(), row.request()))
                        .as("%s, upstream's %s.rego", row, policy.getKey()).isEqualTo(policy.getValue());
            }
        }
        decisions.assertAll();
    }

    /** Upstream's default exactly, written as a Trustee user has it (v0 syntax), where Arca's default departs. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void upstreamsDefaultAsATrusteeUserWritesItRunsUnchanged(Row row) {
        String upstreamStyle = """
                package policy

                default allow = false

                allow {
                    data["plugin"] == "resource"
                    not input["submods"]["cpu0"]["ear.veraison.annotated-evidence"]["sample"]
                }
                """;
        assertThat(engine.allows(upstreamStyle, row.claims(), row.request())).isEqualTo(row.upstreamDefault());
    }

    @Test
    void theKbsDefaultIsInTheConfiguredLanguage() {
        assertThat(engine.builtInDefault()).isEqualTo(BuiltInResourcePolicy.DEFAULT.cel())
                .isEqualTo(ResourcePolicyService.DEFAULT_POLICY);
        ResourcePolicyEngine rego = new ResourcePolicyEngine(new ResourcePolicyProperties(100_000,
                Duration.ofSeconds(1), 1_000, 256, PolicyLanguage.REGO));
        assertThat(rego.builtInDefault()).isEqualTo(BuiltInResourcePolicy.DEFAULT.rego());
        assertThat(rego.allows(rego.builtInDefault(), claims("affirming", "tdx"), resource)).isTrue();
        var source = new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(
                Map.of("arca.kbs.policy.default-language", "rego"));
        assertThat(new org.springframework.boot.context.properties.bind.Binder(source)
                .bindOrCreate("arca.kbs.policy", ResourcePolicyProperties.class).defaultLanguage())
                .isEqualTo(PolicyLanguage.REGO);
        for (BuiltInResourcePolicy policy : BuiltInResourcePolicy.values()) {
            assertThat(PolicyLanguage.of(policy.rego())).isEqualTo(PolicyLanguage.REGO);
            assertThat(PolicyLanguage.of(policy.cel())).isEqualTo(PolicyLanguage.CEL);
        }
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
