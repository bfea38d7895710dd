package dev.arca.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HorizontalPodAutoscalers (values.<service>.autoscaling): off by default, only on a shared database. */
class AutoscalingTest {

    @Test
    void noAutoscalerByDefault() {
        Manifests manifests = ArcaChart.get().render(ChartValues.defaults());

        assertThat(manifests.ofKind("HorizontalPodAutoscaler")).isEmpty();
        assertThat(manifests.component("Deployment", "kbs").get("spec.replicas")).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"kbs, kbs", "attestationService, attestation-service", "rvps, rvps"})
    void anAutoscalerOwnsTheReplicaCountOfItsDeployment(String key, String component) {
        Manifests manifests = ArcaChart.get().render(ChartValues.defaults().withPostgresql()
                .set(key + ".autoscaling.enabled", true).set(key + ".autoscaling.minReplicas", 3)
                .set(key + ".autoscaling.maxReplicas", 8).set(key + ".autoscaling.targetCPUUtilizationPercentage", 60));

        Manifest hpa = manifests.component("HorizontalPodAutoscaler", component);
        assertThat(hpa.string("apiVersion")).isEqualTo("autoscaling/v2");
        assertThat(hpa.get("spec.scaleTargetRef")).isEqualTo(Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "name", ArcaChart.PREFIX + component));
        assertThat(hpa.get("spec.minReplicas")).isEqualTo(3);
        assertThat(hpa.get("spec.maxReplicas")).isEqualTo(8);
        assertThat(hpa.get("spec.metrics[0].resource")).isEqualTo(Map.of("name", "cpu",
                "target", Map.of("type", "Utilization", "averageUtilization", 60)));
        // a fixed spec.replicas would fight the autoscaler on every upgrade
        assertThat(manifests.component("Deployment", component).map("spec")).doesNotContainKey("replicas");
        assertThat(manifests.ofKind("HorizontalPodAutoscaler")).hasSize(1);
    }

    @Test
    void autoscalingWithoutPostgresqlIsRefused() {
        String message = ArcaChart.get().renderFailure(ChartValues.defaults().set("kbs.autoscaling.enabled", true));

        assertThat(message).contains("kbs.autoscaling.enabled=true needs PostgreSQL");
    }

    @Test
    void aMaximumBelowTheMinimumIsRefused() {
        String message = ArcaChart.get().renderFailure(ChartValues.defaults().withPostgresql()
                .set("rvps.autoscaling.enabled", true).set("rvps.autoscaling.minReplicas", 4)
                .set("rvps.autoscaling.maxReplicas", 2));

        assertThat(message).contains("rvps.autoscaling.maxReplicas=2 is below minReplicas=4");
    }
}
