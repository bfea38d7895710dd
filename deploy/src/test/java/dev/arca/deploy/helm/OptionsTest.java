package dev.arca.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The optional parts: Ingress, TLS, admin keys, metrics, gRPC, configuration overrides. */
class OptionsTest {

    private static final List<String> COMPONENTS = List.of("kbs", "attestation-service", "rvps");

    @Test
    void theIngressPublishesOnlyTheProtocolPathsOfTheKbs() {
        Manifests manifests = ArcaChart.get().render(ChartValues.defaults()
                .set("kbs.ingress.enabled", true)
                .set("kbs.ingress.className", "nginx")
                .set("kbs.ingress.hosts[0].host", "kbs.tenant.example")
                .set("kbs.ingress.hosts[0].paths[0].path", "/kbs/v0")
                .set("kbs.ingress.tls[0].secretName", "kbs-tls")
                .set("kbs.ingress.tls[0].hosts[0]", "kbs.tenant.example"));

        Manifest ingress = manifests.component("Ingress", "kbs");
        assertThat(ingress.string("spec.ingressClassName")).isEqualTo("nginx");
        assertThat(ingress.get("spec.rules")).isEqualTo(List.of(Map.of("host", "kbs.tenant.example", "http",
                Map.of("paths", List.of(Map.of("path", "/kbs/v0", "pathType", "Prefix", "backend",
                        Map.of("service", Map.of("name", "demo-arca-kbs", "port", Map.of("number", 8080)))))))));
        assertThat(ingress.get("spec.tls")).isEqualTo(List.of(Map.of("secretName", "kbs-tls",
                "hosts", List.of("kbs.tenant.example"))));
    }

    @Test
    void kbsTlsServesHttpsFromThePemSecretAndProbesFollow() {
        Manifests manifests = ArcaChart.get().render(ChartValues.defaults()
                .set("kbs.tls.enabled", true).set("kbs.tls.secretName", "kbs-cert"));

        assertThat(manifests.env("kbs"))
                .containsEntry("SERVER_SSL_BUNDLE", "kbs")
                .containsEntry("SPRING_SSL_BUNDLE_PEM_KBS_KEYSTORE_CERTIFICATE", "file:/etc/arca/tls/tls.crt")
                .containsEntry("SPRING_SSL_BUNDLE_PEM_KBS_KEYSTORE_PRIVATE_KEY", "file:/etc/arca/tls/tls.key")
                .containsEntry("SPRING_SSL_BUNDLE_PEM_KBS_RELOAD_ON_UPDATE", "true");
        assertThat(manifests.mountPath("kbs", "tls")).isEqualTo("/etc/arca/tls");
        assertThat(manifests.volume("kbs", "tls").get("secret")).extracting("secretName").isEqualTo("kbs-cert");
        Map<String, Object> kbs = manifests.container("kbs");
        // the probes ask the management port, which stays plain HTTP in the cluster whatever the API port speaks
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(Manifest.at(kbs, probe + ".httpGet.scheme")).isEqualTo("HTTP");
            assertThat(Manifest.at(kbs, probe + ".httpGet.port")).isEqualTo("management");
        }
        assertThat(manifests.env("kbs")).containsEntry("MANAGEMENT_SERVER_SSL_ENABLED", "false");
        assertThat(Manifest.at(manifests.container("rvps"), "readinessProbe.httpGet.scheme")).isEqualTo("HTTP");
        assertThat(manifests.env("kbs")).doesNotContainKey("SERVER_SSL_ENABLED");
    }

    @Test
    void adminPublicKeysReachAllThreeServices(@TempDir Path dir) throws Exception {
        String first = ArcaChartKeys.p256PublicPem();
        String second = ArcaChartKeys.p256PublicPem();
        Files.writeString(dir.resolve("a.pem"), first);
        Files.writeString(dir.resolve("b.pem"), second);

        Manifests manifests = ArcaChart.get().render(ChartValues.defaults()
                .setFile("admin.publicKeys[0]", dir.resolve("a.pem"))
                .setFile("admin.publicKeys[1]", dir.resolve("b.pem"))
                .set("admin.requiredRole", "arca-admin"));

        assertThat(new String(manifests.secretData("demo-arca-admin", "admin-0.pem"), StandardCharsets.US_ASCII))
                .isEqualTo(first);
        assertThat(new String(manifests.secretData("demo-arca-admin", "admin-1.pem"), StandardCharsets.US_ASCII))
                .isEqualTo(second);
        for (String component : COMPONENTS) {
            // forwarded admin calls carry the caller's own token, so the AS and RVPS must know the same keys
            assertThat(manifests.env(component))
                    .containsEntry("ARCA_ADMIN_PUBLIC_KEY_FILES", "/etc/arca/admin/admin-0.pem,/etc/arca/admin/admin-1.pem")
                    .containsEntry("ARCA_ADMIN_REQUIRED_ROLE", "arca-admin");
            assertThat(manifests.mountPath(component, "admin-keys")).isEqualTo("/etc/arca/admin");
            assertThat(manifests.volume(component, "admin-keys").get("secret")).extracting("secretName")
                    .isEqualTo("demo-arca-admin");
        }
    }

    @Test
    void adminKeysFromAnExistingSecret() {
        Manifests manifests = ArcaChart.get().render(ChartValues.defaults()
                .set("admin.existingSecret", "arca-admins")
                .set("admin.existingSecretKeys[0]", "alice.pem")
                .set("admin.existingSecretKeys[1]", "bob.pem"));

        assertThat(manifests.has("Secret", "demo-arca-admin")).isFalse();
        assertThat(manifests.env("rvps"))
                .containsEntry("ARCA_ADMIN_PUBLIC_KEY_FILES", "/etc/arca/admin/alice.pem,/etc/arca/admin/bob.pem");
        assertThat(manifests.volume("kbs", "admin-keys").get("secret")).isEqualTo(Map.of("secretName", "arca-admins",
                "defaultMode", 288, "items", List.of(Map.of("key", "alice.pem", "path", "alice.pem"),
                        Map.of("key", "bob.pem", "path", "bob.pem"))));
    }

    @Test
    void serviceMonitorsScrapeThePrometheusEndpointAndTheNetworkPoliciesLetPrometheusIn() {
        Manifests manifests = ArcaChart.get().render(ChartValues.defaults()
                .set("serviceMonitor.enabled", true)
                .set("serviceMonitor.labels.release", "prometheus")
                .yaml("""
                        networkPolicy:
                          metricsFrom:
                            - namespaceSelector:
                                matchLabels:
                                  kubernetes.io/metadata.name: monitoring
                        """));

        for (String component : COMPONENTS) {
            Manifest monitor = manifests.component("ServiceMonitor", component);
            assertThat(monitor.string("metadata.labels.release")).isEqualTo("prometheus");
            assertThat(monitor.get("spec.endpoints[0].port")).isEqualTo("management");
            assertThat(monitor.get("spec.endpoints[0].scheme")).isEqualTo("http");
            assertThat(monitor.get("spec.endpoints[0].path")).isEqualTo("/actuator/prometheus");
            Map<String, Object> serviceLabels = manifests.component("Service", component).map("metadata.labels");
            assertThat(serviceLabels.entrySet()).containsAll(monitor.map("spec.selector.matchLabels").entrySet());

            List<Object> ingress = manifests.component("NetworkPolicy", component).list("spec.ingress");
            assertThat(ingress.getLast()).isEqualTo(Map.of(
                    "from", List.of(Map.of("namespaceSelector",
                            Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring")))),
                    "ports", List.of(Map.of("port", "management", "protocol", "TCP"))));
        }
    }

    @Test
    void kbsSourcesCanBeRestrictedAndNetworkPoliciesTurnedOff() {
        Manifests restricted = ArcaChart.get().render(ChartValues.defaults().yaml("""
                networkPolicy:
                  kbsFrom:
                    - namespaceSelector:
                        matchLabels:
                          kubernetes.io/metadata.name: ingress-nginx
                """));
        assertThat(restricted.component("NetworkPolicy", "kbs").get("spec.ingress[0].from")).isEqualTo(List.of(
                Map.of("namespaceSelector", Map.of("matchLabels",
                        Map.of("kubernetes.io/metadata.name", "ingress-nginx")))));

        Manifests open = ArcaChart.get().render(ChartValues.defaults().set("networkPolicy.enabled", false));
        assertThat(open.ofKind("NetworkPolicy")).isEmpty();
    }

    @Test
    void rvpsGrpcListensOnAllAddressesOnlyWhenEnabled() {
        Manifests off = ArcaChart.get().render(ChartValues.defaults());
        assertThat(off.env("rvps")).containsEntry("ARCA_RVPS_GRPC_PORT", "0").doesNotContainKey("ARCA_RVPS_GRPC_ADDRESS");

        Manifests on = ArcaChart.get().render(ChartValues.defaults().set("rvps.grpc.enabled", true));
        assertThat(on.env("rvps")).containsEntry("ARCA_RVPS_GRPC_PORT", "50003")
                .containsEntry("ARCA_RVPS_GRPC_ADDRESS", "0.0.0.0");
        assertThat(on.container("rvps").get("ports")).isEqualTo(List.of(
                Map.of("name", "http", "containerPort", 8082, "protocol", "TCP"),
                Map.of("name", "management", "containerPort", 9090, "protocol", "TCP"),
                Map.of("name", "grpc", "containerPort", 50003, "protocol", "TCP")));
        assertThat(on.component("Service", "rvps").get("spec.ports[2]"))
                .isEqualTo(Map.of("name", "grpc", "port", 50003, "targetPort", "grpc", "protocol", "TCP"));
        assertThat(on.component("NetworkPolicy", "rvps").get("spec.ingress[0].ports")).isEqualTo(List.of(
                Map.of("port", "http", "protocol", "TCP"), Map.of("port", "grpc", "protocol", "TCP")));
    }

    @Test
    void configOverridesGoToTheMountedApplicationYaml() {
        Manifests manifests = ArcaChart.get().render(ChartValues.defaults().yaml("""
                kbs:
                  config:
                    arca:
                      kbs:
                        session-timeout: 10m
                  extraEnv:
                    - name: LOGGING_LEVEL_DEV_ARCA
                      value: DEBUG
                  javaOpts: -XX:+UseZGC
                """));

        Map<String, Object> applicationYaml = new Yaml().load(
                manifests.component("ConfigMap", "kbs").map("data").get("application.yaml").toString());
        assertThat(Manifest.at(applicationYaml, "arca.kbs.session-timeout")).isEqualTo("10m");
        assertThat(manifests.env("kbs"))
                .containsEntry("SPRING_CONFIG_ADDITIONAL_LOCATION", "optional:file:/etc/arca/config/")
                .containsEntry("LOGGING_LEVEL_DEV_ARCA", "DEBUG")
                .containsEntry("JDK_JAVA_OPTIONS", "-XX:+UseZGC");
        assertThat(manifests.mountPath("kbs", "config")).isEqualTo("/etc/arca/config");
        // a changed configuration rolls the pods
        String before = ArcaChart.get().render(ChartValues.defaults()).component("Deployment", "kbs")
                .map("spec.template.metadata.annotations").get("checksum/config").toString();
        assertThat(manifests.component("Deployment", "kbs").map("spec.template.metadata.annotations"))
                .extractingByKey("checksum/config").isNotEqualTo(before);
    }

    @Test
    void topologySpreadConstraintsGetThePodSelectorUnlessTheyHaveTheirOwn() {
        Manifests manifests = ArcaChart.get().render(ChartValues.defaults().yaml("""
                attestationService:
                  topologySpreadConstraints:
                    - maxSkew: 1
                      topologyKey: topology.kubernetes.io/zone
                      whenUnsatisfiable: ScheduleAnyway
                    - maxSkew: 1
                      topologyKey: kubernetes.io/hostname
                      whenUnsatisfiable: DoNotSchedule
                      labelSelector:
                        matchLabels:
                          tier: attestation
                """));

        List<Object> constraints = manifests.component("Deployment", "attestation-service")
                .list("spec.template.spec.topologySpreadConstraints");
        assertThat(constraints).hasSize(2);
        assertThat(Manifest.at(constraints.get(0), "labelSelector.matchLabels")).isEqualTo(Map.of(
                "app.kubernetes.io/name", "arca", "app.kubernetes.io/instance", "demo",
                "app.kubernetes.io/component", "attestation-service"));
        assertThat(Manifest.at(constraints.get(0), "topologyKey")).isEqualTo("topology.kubernetes.io/zone");
        assertThat(Manifest.at(constraints.get(1), "labelSelector.matchLabels")).isEqualTo(Map.of("tier", "attestation"));
    }

    @Test
    void imagesComeFromTheConfiguredRegistryByTagOrDigest() {
        String digest = "sha256:" + "ab".repeat(32);
        Manifests manifests = ArcaChart.get().render(ChartValues.defaults()
                .set("kbs.image.registry", "registry.internal:5000")
                .set("kbs.image.tag", "0.1.0-rc1")
                .set("rvps.image.digest", digest));

        assertThat(manifests.container("kbs").get("image")).isEqualTo("registry.internal:5000/arca-dev/kbs-service:0.1.0-rc1");
        assertThat(manifests.container("rvps").get("image")).isEqualTo("ghcr.io/arca-dev/rvps-service@" + digest);
    }

    @Test
    void servicesCanPointAtExternalUrls() {
        Manifests manifests = ArcaChart.get().render(ChartValues.defaults()
                .set("kbs.asUrl", "https://as.shared.example")
                .set("attestationService.rvpsUrl", "https://rvps.shared.example"));

        assertThat(manifests.env("kbs")).containsEntry("ARCA_KBS_AS_URL", "https://as.shared.example")
                .containsEntry("ARCA_KBS_RVPS_URL", "http://demo-arca-rvps.arca.svc:8082");
        assertThat(manifests.env("attestation-service")).containsEntry("ARCA_AS_RVPS_URL", "https://rvps.shared.example");
    }

    @Test
    void globalImageRegistryReplacesTheRegistryOfEveryImage() {
        String digest = "sha256:" + "ab".repeat(32);
        Manifests manifests = ArcaChart.get().render(ChartValues.defaults()
                .set("global.imageRegistry", "mirror.example.internal:5000").set("kbs.image.digest", digest));

        assertThat(manifests.container("kbs").get("image"))
                .isEqualTo("mirror.example.internal:5000/arca-dev/kbs-service@" + digest);
        // no image of any workload escapes the mirror
        List<Manifest> deployments = manifests.ofKind("Deployment");
        assertThat(deployments).hasSize(3);
        for (Manifest deployment : deployments) {
            for (Object container : deployment.list("spec.template.spec.containers")) {
                assertThat((String) ((Map<?, ?>) container).get("image")).startsWith("mirror.example.internal:5000/");
            }
            assertThat(deployment.map("spec.template.spec")).doesNotContainKey("initContainers");
        }
    }

    @Test
    void theChartDeclaresTheKubernetesVersionsItSupports() throws Exception {
        Map<String, Object> chart = new Yaml().load(Files.readString(ArcaChart.PATH.resolve("Chart.yaml")));

        assertThat(chart).containsEntry("kubeVersion", ">=1.25.0-0");
    }
}
