package dev.arca.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * kbs.policyDirectory, attestationService.policyDirectory, rvps.referenceValueDirectory: a ConfigMap mounted whole
 * (never subPath, so kubelet's updates arrive) and the service told where and how often to read it
 * (docs/operations.md "Declarative configuration").
 */
class DeclarativeConfigurationChartTest {

    @Test
    void offByDefault() {
        Manifests manifests = ArcaChart.get().render(ChartValues.defaults());
        assertThat(manifests.env("kbs")).doesNotContainKey("ARCA_KBS_POLICY_DIRECTORY_PATH");
        assertThat(manifests.env("attestation-service")).doesNotContainKey("ARCA_AS_POLICY_DIRECTORY_PATH");
        assertThat(manifests.env("rvps")).doesNotContainKey("ARCA_RVPS_REFERENCE_VALUE_DIRECTORY_PATH");
    }

    @Test
    void eachServiceMountsItsConfigMapAndIsToldWhereItIs() {
        Manifests manifests = ArcaChart.get().render(ChartValues.defaults()
                .set("kbs.policyDirectory.configMap", "resource-policies")
                .set("attestationService.policyDirectory.configMap", "attestation-policies")
                .set("attestationService.policyDirectory.pollInterval", "30s")
                .set("rvps.referenceValueDirectory.configMap", "reference-values"));

        assertThat(manifests.env("kbs")).containsEntry("ARCA_KBS_POLICY_DIRECTORY_PATH", "/etc/arca/policies")
                .containsEntry("ARCA_KBS_POLICY_DIRECTORY_POLL_INTERVAL", "5s");
        assertThat(manifests.env("attestation-service"))
                .containsEntry("ARCA_AS_POLICY_DIRECTORY_PATH", "/etc/arca/policies")
                .containsEntry("ARCA_AS_POLICY_DIRECTORY_POLL_INTERVAL", "30s");
        assertThat(manifests.env("rvps"))
                .containsEntry("ARCA_RVPS_REFERENCE_VALUE_DIRECTORY_PATH", "/etc/arca/reference-values");

        assertThat(manifests.volume("kbs", "policies").get("configMap"))
                .isEqualTo(Map.of("name", "resource-policies", "defaultMode", 292));
        assertThat(manifests.volume("attestation-service", "policies").get("configMap"))
                .isEqualTo(Map.of("name", "attestation-policies", "defaultMode", 292));
        assertThat(manifests.volume("rvps", "reference-values").get("configMap"))
                .isEqualTo(Map.of("name", "reference-values", "defaultMode", 292));
        assertThat(manifests.mountPath("attestation-service", "policies")).isEqualTo("/etc/arca/policies");
        assertThat(manifests.mountPath("rvps", "reference-values")).isEqualTo("/etc/arca/reference-values");
    }

    @Test
    void aServiceWithAConfigMapPostsEventsAboutItsPodAndMayDoNothingElse() {
        Manifests manifests = ArcaChart.get().render(ChartValues.defaults()
                .set("kbs.policyDirectory.configMap", "resource-policies"));

        assertThat(manifests.env("kbs")).containsEntry("ARCA_KUBERNETES_EVENTS_ENABLED", "true")
                .containsEntry("ARCA_KUBERNETES_EVENTS_POD_NAME", Map.of("fieldRef", Map.of("fieldPath", "metadata.name")))
                .containsEntry("ARCA_KUBERNETES_EVENTS_POD_UID", Map.of("fieldRef", Map.of("fieldPath", "metadata.uid")));
        assertThat(token(manifests, "kbs")).isEqualTo(true);
        // the services without a ConfigMap still get no token
        assertThat(token(manifests, "attestation-service")).isEqualTo(false);
        assertThat(manifests.env("attestation-service")).doesNotContainKey("ARCA_KUBERNETES_EVENTS_ENABLED");

        Manifest role = manifests.one("Role", ArcaChart.PREFIX.replaceAll("-$", "") + "-events");
        assertThat(role.get("rules")).isEqualTo(List.of(
                Map.of("apiGroups", List.of(""), "resources", List.of("events"), "verbs", List.of("create"))));
        Manifest binding = manifests.one("RoleBinding", ArcaChart.PREFIX.replaceAll("-$", "") + "-events");
        assertThat(binding.string("roleRef.name")).isEqualTo(role.name());
        assertThat(binding.string("subjects[0].name"))
                .isEqualTo(manifests.component("Deployment", "kbs").string("spec.template.spec.serviceAccountName"));
    }

    @Test
    void withoutAConfigMapOrWithEventsOffNoTokenIsMountedAndNoRoleMade() {
        for (ChartValues values : List.of(ChartValues.defaults(), ChartValues.defaults()
                .set("kbs.policyDirectory.configMap", "resource-policies").set("kubernetesEvents.enabled", "false"))) {
            Manifests manifests = ArcaChart.get().render(values);
            for (String component : List.of("kbs", "attestation-service", "rvps")) {
                assertThat(token(manifests, component)).as(component).isEqualTo(false);
                assertThat(manifests.env(component)).doesNotContainKey("ARCA_KUBERNETES_EVENTS_ENABLED");
            }
            assertThat(manifests.ofKind("Role")).isEmpty();
            assertThat(manifests.ofKind("RoleBinding")).isEmpty();
        }
    }

    private static Object token(Manifests manifests, String component) {
        return manifests.component("Deployment", component).get("spec.template.spec.automountServiceAccountToken");
    }
}
