package dev.arca.kbs.policy;

import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.testing.TestPostgres;
import dev.arca.model.json.Json;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Policies bound to prefixes: the longest binding decides, none bound denies (docs/kbs.md "Resource policies"). */
class ResourcePolicyServiceTest {

    static final JsonNode AFFIRMING_TDX = Json.tree("""
            {"submods":{"cpu0":{"ear.status":"affirming","ear.veraison.annotated-evidence":{"tdx":{}}}}}""");

    static final DeclaredResourcePolicies NONE_DECLARED = new DeclaredResourcePolicies(
            new ResourcePolicyDirectoryProperties(null, java.time.Duration.ofSeconds(5)),
            new ResourcePolicyEngine(ResourcePolicyProperties.DEFAULTS), Clock.systemUTC(),
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
            dev.arca.service.declarative.RefusalReporter.NONE);

    ResourcePolicyService service;
    JdbcClient jdbc;

    @BeforeEach
    void store() {
        jdbc = JdbcClient.create(TestPostgres.migratedH2("policies" + System.nanoTime()));
        service = new ResourcePolicyService(new ResourcePolicyEngine(ResourcePolicyProperties.DEFAULTS), new ResourcePolicyStore(jdbc,
                Clock.systemUTC()), NONE_DECLARED);
    }

    static PolicyRequest resource(String repo, String type, String tag) {
        return new PolicyRequest("resource", List.of(repo, type, tag), Map.of());
    }

    @Test
    void theDefaultPolicyStandsInOnlyWhileNoPolicyIsStored() {
        PolicyDecision byDefault = service.decide(AFFIRMING_TDX, resource("any", "key", "x"));
        assertThat(byDefault.allowed()).isTrue();
        assertThat(byDefault.policyId()).isEqualTo("default");
        // the default releases resources only: never another plugin's output, such as certificates
        PolicyDecision cert = service.decide(AFFIRMING_TDX,
                new PolicyRequest("cert", List.of("issue"), Map.of(), "POST", Map.of()));
        assertThat(cert).isEqualTo(new PolicyDecision(false, "default", "denied by policy default"));

        service.set("tenant-a", "tenant-a/", "true");
        PolicyDecision unbound = service.decide(AFFIRMING_TDX, resource("any", "key", "x"));
        assertThat(unbound.allowed()).isFalse();
        assertThat(unbound.policyId()).isNull();
        assertThat(unbound.reason()).isEqualTo("no resource policy is bound to any/key/x");
    }

    @Test
    void theLongestMatchingBindingDecides() {
        service.set("everyone", "", "false");
        service.set("tenant-a", "tenant-a/", "input.submods.cpu0[\"ear.status\"] == \"affirming\"");
        service.set("tenant-a-keys", "tenant-a/key/", "request.path[2].startsWith(\"k\")");

        assertThat(service.decide(AFFIRMING_TDX, resource("tenant-a", "cert", "c1")))
                .isEqualTo(new PolicyDecision(true, "tenant-a", "allowed by policy tenant-a"));
        assertThat(service.decide(AFFIRMING_TDX, resource("tenant-a", "key", "k1")).policyId())
                .isEqualTo("tenant-a-keys");
        assertThat(service.decide(AFFIRMING_TDX, resource("tenant-a", "key", "x1")))
                .isEqualTo(new PolicyDecision(false, "tenant-a-keys", "denied by policy tenant-a-keys"));
        // a binding ends at a segment boundary: tenant-a/ does not cover tenant-ab
        assertThat(service.decide(AFFIRMING_TDX, resource("tenant-ab", "key", "k1")).policyId())
                .isEqualTo("everyone");
        // other plugins are subjects "<plugin>:<path>"
        PolicyRequest cert = new PolicyRequest("cert", List.of("issue"), Map.of(), "POST", Map.of());
        assertThat(cert.subject()).isEqualTo("cert:issue");
        assertThat(service.decide(AFFIRMING_TDX, cert).policyId()).isEqualTo("everyone");
        service.set("certificates", "cert:", "request.method == \"POST\"");
        assertThat(service.decide(AFFIRMING_TDX, cert)).isEqualTo(
                new PolicyDecision(true, "certificates", "allowed by policy certificates"));
    }

    @Test
    void oneBindingHasOnePolicyAndReplacingAnIdMovesIt() {
        service.set("first", "tenant-a/", "true");
        assertThatThrownBy(() -> service.set("second", "tenant-a/", "false"))
                .isInstanceOfSatisfying(KbsException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("held by policy first");
                });
        service.set("first", "tenant-b/", "true");
        service.set("second", "tenant-a/", "false");
        assertThat(service.list()).extracting(StoredPolicy::id, StoredPolicy::binding)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("second", "tenant-a/"),
                        org.assertj.core.groups.Tuple.tuple("first", "tenant-b/"));
        assertThat(service.delete("first")).isTrue();
        assertThat(service.delete("first")).isFalse();
    }

    @Test
    void aPolicyThatDoesNotCompileIsRefusedWithTheCompilersMessageAndNothingIsStored() {
        assertThatThrownBy(() -> service.set("broken", "tenant-a/", "input.submods.cpu0[\"ear.status\"] =="))
                .isInstanceOfSatisfying(KbsException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problem().errorName()).isEqualTo("ParsePolicyError");
                    assertThat(e.getMessage()).startsWith("Failed to parse policy: ").contains("ERROR: <input>:1:");
                });
        assertThatThrownBy(() -> service.set("number", "", "1 + 2")).isInstanceOf(KbsException.class);
        assertThat(service.list()).isEmpty();
    }

    @Test
    void aPolicyWhoseEstimateExceedsTheBudgetIsRefusedWithTheReasonAndNothingIsStored() {
        assertThatThrownBy(() -> service.set("nested", "tenant-a/", "input.x.all(a, input.y.all(b, a != b))"))
                .isInstanceOfSatisfying(KbsException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problem().errorName()).isEqualTo("ParsePolicyError");
                    assertThat(e.getMessage()).isEqualTo("Failed to parse policy: nested comprehensions over "
                            + "`input.x` and `input.y` may run about 10^6 iterations (a list or map the policy does "
                            + "not spell out is assumed to hold up to 1000 elements); the budget is 100000 iterations "
                            + "per evaluation");
                });
        assertThat(service.list()).isEmpty();
    }

    @Test
    void aDecisionOverBudgetDeniesAndSaysWhy() {
        ResourcePolicyService small = new ResourcePolicyService(new ResourcePolicyEngine(
                new ResourcePolicyProperties(1_000, java.time.Duration.ofSeconds(10), 10, 16)),
                new ResourcePolicyStore(jdbc, Clock.systemUTC()), NONE_DECLARED);
        small.set("loops", "", "input.l.all(a, a >= 0)");
        JsonNode claims = Json.tree(Json.write(Map.of("l", java.util.stream.LongStream.range(0, 1_001).boxed()
                .toList())));
        assertThat(small.decide(claims, resource("any", "key", "x"))).isEqualTo(new PolicyDecision(false, "loops",
                "denied by policy loops: over its evaluation budget (the evaluation reached its budget of 1000 "
                        + "comprehension iterations)"));
    }

    @Test
    void idsAndBindingsAreValidated() {
        for (String binding : List.of("tenant-a", "/tenant-a/", "tenant-a//", "../", "a/b/c/", "Cert:", "a b/")) {
            assertThatThrownBy(() -> service.set("p", binding, "true")).as(binding)
                    .isInstanceOfSatisfying(KbsException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
        for (String id : List.of("", ".hidden", "a/b", "x".repeat(65))) {
            assertThatThrownBy(() -> service.set(id, "", "true")).as(id).isInstanceOf(KbsException.class);
        }
        for (String binding : List.of("", "tenant-a/", "tenant-a/key/", "cert:", "cert:issue/", "t.a/k_1/")) {
            service.set("p" + Math.abs(binding.hashCode()), binding, "true");
        }
        assertThat(service.list()).hasSize(6);
    }

    @Test
    void theRequestVariableCarriesPluginPathQueryMethodAndPluginAttributes() {
        service.set("all", "", "request.plugin == \"cert\" && request.path == [\"issue\"] && request.query.ttl == "
                + "\"1h\" && request.method == \"POST\" && request.csr.dns.all(d, d.endsWith(\".svc\"))");
        PolicyRequest good = new PolicyRequest("cert", List.of("issue"), Map.of("ttl", "1h"), "POST",
                Map.of("csr", Map.of("dns", List.of("a.svc", "b.svc"))));
        PolicyRequest bad = new PolicyRequest("cert", List.of("issue"), Map.of("ttl", "1h"), "POST",
                Map.of("csr", Map.of("dns", List.of("a.svc", "evil.example"))));
        assertThat(service.decide(AFFIRMING_TDX, good).allowed()).isTrue();
        assertThat(service.decide(AFFIRMING_TDX, bad).allowed()).isFalse();
    }
}
