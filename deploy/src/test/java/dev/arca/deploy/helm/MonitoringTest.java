package dev.arca.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * PrometheusRule alerts and the Grafana dashboard: off by default, and every domain metric they query is one the
 * services register (read from the Micrometer registrations in the sources, not from a list kept here).
 */
class MonitoringTest {

    private static final Pattern METRIC = Pattern.compile("\\barca_(kbs|as|rvps)_[a-z_]+");
    /** Micrometer names in the services' main sources: builder("arca.x.y") or a constant = "arca.x.y". */
    private static final Pattern REGISTERED = Pattern.compile("\"(arca\\.(?:kbs|as|rvps)\\.[a-z.]+)\"");

    private static Manifests manifests;

    @BeforeAll
    static void render() {
        manifests = ArcaChart.get().render(ChartValues.defaults()
                .set("prometheusRule.enabled", true).set("prometheusRule.labels.release", "prometheus")
                .set("grafanaDashboard.enabled", true).set("grafanaDashboard.namespace", "monitoring"));
    }

    @Test
    void offByDefault() {
        Manifests defaults = ArcaChart.get().render(ChartValues.defaults());

        assertThat(defaults.ofKind("PrometheusRule")).isEmpty();
        assertThat(defaults.has("ConfigMap", "demo-arca-dashboard")).isFalse();
    }

    @Test
    void alertsQueryOnlyMetricsTheServicesRegister() throws IOException {
        Manifest rule = manifests.one("PrometheusRule", "demo-arca");
        assertThat(rule.string("metadata.labels.release")).isEqualTo("prometheus");
        List<Object> rules = rule.list("spec.groups[0].rules");
        assertThat(rules).extracting(r -> (Object) ((Map<?, ?>) r).get("alert")).contains((Object) "ArcaServiceDown",
                "ArcaAttestationsFailing", "ArcaReleasesDenied", "ArcaAttestationSlow", "ArcaCollateralStale");

        StringBuilder expressions = new StringBuilder();
        for (Object r : rules) {
            String expr = (String) ((Map<?, ?>) r).get("expr");
            // every expression is limited to this release's pods
            assertThat(expr).contains("namespace=\"arca\", job=~\"demo-arca-.*\"");
            expressions.append(expr).append('\n');
        }
        assertThat(metricsIn(expressions.toString())).isNotEmpty().isSubsetOf(registeredMetrics());
    }

    @Test
    void theDashboardIsAConfigMapForGrafanasSidecarOverRegisteredMetrics() throws IOException {
        Manifest dashboard = manifests.one("ConfigMap", "demo-arca-dashboard");
        assertThat(dashboard.string("metadata.namespace")).isEqualTo("monitoring");
        assertThat(dashboard.string("metadata.labels.grafana_dashboard")).isEqualTo("1");

        String text = (String) dashboard.map("data").get("arca.json");
        Map<String, Object> json = new Yaml().load(text);
        assertThat(json).containsEntry("uid", "arca-overview");
        List<?> panels = (List<?>) json.get("panels");
        assertThat(panels).hasSizeGreaterThanOrEqualTo(6);
        Set<String> queried = metricsIn(text);
        // the dashboard shows every counter and histogram of the three services
        assertThat(queried).isEqualTo(registeredMetrics());
    }

    private static Set<String> metricsIn(String text) {
        Set<String> names = new HashSet<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            names.add(m.group().replaceAll("_(total|bucket|count|sum)$", "").replaceAll("_seconds$", ""));
        }
        return names;
    }

    /** The domain meters registered in kbs-service, attestation-service and rvps-service, in Prometheus spelling. */
    private static Set<String> registeredMetrics() throws IOException {
        Set<String> names = new HashSet<>();
        for (String module : List.of("kbs-service", "attestation-service", "rvps-service")) {
            try (Stream<Path> files = Files.walk(Path.of("..", module, "src", "main", "java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    if (!source.contains("io.micrometer.core.instrument")) {
                        continue;
                    }
                    Matcher m = REGISTERED.matcher(source);
                    while (m.find()) {
                        names.add(m.group(1).replace('.', '_'));
                    }
                }
            }
        }
        assertThat(names).as("Micrometer registrations found in the sources").hasSizeGreaterThanOrEqualTo(10);
        return names;
    }
}
