package dev.arca.attestation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rego attestation policies with upstream's contract: package {@code policy}, {@code data.policy.trust_claims},
 * {@code data.policy.extensions}, {@code query_reference_value(id)} through the RVPS client; every failure is
 * contraindicated, as for CEL. The policies are written here in the style of upstream's defaults.
 */
class RegoAttestationPolicyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ObjectNode INPUT = (ObjectNode) JSON.readTree(
            "{\"sample\":{\"svn\":\"1\",\"launch_digest\":\"abcd\",\"debug\":false}}");
    private static final String POLICY = """
            package policy
            import rego.v1

            default executables := 33
            default hardware := 97

            executables := 3 if input.sample.launch_digest in query_reference_value("launch_digest")
            hardware := 2 if {
            	input.sample.svn in query_reference_value("svn")
            	not input.sample.debug
            }

            trust_claims := {"executables": executables, "hardware": hardware}
            extensions := {"arca.example/svn": to_number(input.sample.svn)}
            """;

    private final InMemoryReferenceValues rvs = new InMemoryReferenceValues()
            .put("svn", "[\"1\"]").put("launch_digest", "[\"abcd\", \"ef01\"]");
    private final PolicyEngine engine = new PolicyEngine(new CelPolicyCompiler(rvs, PolicyProperties.DEFAULTS),
            new RegoPolicyCompiler(rvs, PolicyProperties.DEFAULTS));

    private PolicyVerdict appraise(String text) {
        return engine.appraise(new NamedPolicy("rego_cpu", text), INPUT);
    }

    @Test
    void trustClaimsAndExtensionsComeFromDataPolicy() {
        PolicyVerdict verdict = appraise(POLICY);
        assertThat(verdict.failedClosed()).isFalse();
        assertThat(verdict.trustVector().byName()).isEqualTo(Map.of("executables", 3, "hardware", 2));
        assertThat(verdict.extensions()).containsKey("arca.example/svn");
        assertThat(verdict.extensions().get("arca.example/svn").asInt()).isEqualTo(1);
    }

    @Test
    void aMissingReferenceValueFallsToTheDefaults() {
        rvs.put("svn", "[\"2\"]");
        assertThat(appraise(POLICY).trustVector().byName()).isEqualTo(Map.of("executables", 3, "hardware", 97));
    }

    @Test
    void anRvpsFailureFailsClosed() {
        rvs.setDown(true);
        PolicyVerdict verdict = appraise(POLICY);
        assertThat(verdict.failure()).isEqualTo(PolicyVerdict.RVPS_UNAVAILABLE);
        assertThat(verdict.trustVector().byName()).isEqualTo(Map.of("hardware", 97));
    }

    @Test
    void conflictsAndBadResultsFailClosed() {
        assertThat(appraise("package policy\ntrust_claims := {\"hardware\": 2}\ntrust_claims := {\"hardware\": 3}")
                .failure()).isEqualTo(PolicyVerdict.POLICY_ERROR);
        assertThat(appraise("package policy\ntrust_claims := {\"hardware\": \"two\"}").failure())
                .isEqualTo(PolicyVerdict.POLICY_ERROR);
        assertThat(appraise("package policy\nother := 1").failure()).isEqualTo(PolicyVerdict.POLICY_ERROR);
        assertThat(appraise("package policy\ntrust_claims := {\"hardware\": x} if { x := count([1 | "
                + "some a in numbers.range(1, 5000); some b in numbers.range(1, 5000)]) }").failure())
                .isEqualTo(PolicyVerdict.BUDGET_EXCEEDED);
    }

    /** Upstream's extensions are a list of {name, key, value}: a policy brought from Trustee runs unchanged. */
    @Test
    void upstreamsExtensionListIsReadByName() {
        String upstreamStyle = """
                package policy

                default executables = 33
                default hardware = 97

                executables = 3 {
                	input["sample"]["launch_digest"] in query_reference_value("launch_digest")
                }

                hardware = 2 {
                	input.sample.svn in query_reference_value("svn")
                }

                trust_claims = {"executables": executables, "hardware": hardware}

                extensions = [{"name": "ear.trustee.identifiers", "key": -18,
                	"value": {"validated": {"svn": input.sample.svn}}}]
                """;
        PolicyVerdict verdict = appraise(upstreamStyle);
        assertThat(verdict.failedClosed()).isFalse();
        assertThat(verdict.trustVector().byName()).isEqualTo(Map.of("executables", 3, "hardware", 2));
        assertThat(verdict.extensions().get("ear.trustee.identifiers"))
                .isEqualTo(JSON.readTree("{\"validated\": {\"svn\": \"1\"}}"));

        String twice = "package policy\ntrust_claims := {\"hardware\": 2}\nextensions := ["
                + "{\"name\": \"a.b\", \"key\": -1, \"value\": 1}, {\"name\": \"a.b\", \"key\": -2, \"value\": 2}]";
        assertThat(appraise(twice).failure()).isEqualTo(PolicyVerdict.POLICY_ERROR);
        assertThat(appraise("package policy\ntrust_claims := {\"hardware\": 2}\nextensions := [{\"key\": 1}]")
                .failure()).isEqualTo(PolicyVerdict.POLICY_ERROR);
        assertThat(appraise("package policy\ntrust_claims := {\"hardware\": 2}\nextensions := "
                + "[{\"name\": \"a.b\", \"key\": \"one\", \"value\": 1}]").failure())
                .isEqualTo(PolicyVerdict.POLICY_ERROR);
    }

    @Test
    void theLanguageOfTheBuiltInsIsConfigurable() {
        var source = new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(
                Map.of("arca.as.policy.default-language", "rego"));
        PolicyProperties bound = new org.springframework.boot.context.properties.bind.Binder(source)
                .bindOrCreate("arca.as.policy", PolicyProperties.class);
        assertThat(bound.defaultLanguage()).isEqualTo(PolicyLanguage.REGO);
        assertThat(bound.maxIterations()).isEqualTo(PolicyProperties.DEFAULTS.maxIterations());
        assertThat(new BuiltInPolicies(bound.defaultLanguage()).find("default_cpu")).hasValueSatisfying(text ->
                assertThat(text).contains("package policy"));
        assertThat(new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("arca.as.policy", PolicyProperties.class).defaultLanguage())
                .isEqualTo(PolicyLanguage.CEL);
    }

    @Test
    void uploadChecksSyntaxAndPackage() throws InvalidPolicyException {
        var compiler = new RegoPolicyCompiler(rvs, PolicyProperties.DEFAULTS);
        compiler.compile(POLICY);
        assertThatThrownBy(() -> compiler.compile("package policy\ntrust_claims := {"))
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("rego_parse_error");
        assertThatThrownBy(() -> compiler.compile("package other\ntrust_claims := {}"))
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("package policy");
    }
}
