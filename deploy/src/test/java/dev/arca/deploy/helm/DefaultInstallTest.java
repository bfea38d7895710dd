package dev.arca.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

/** The chart with its default values: what `helm install arca deploy/helm/arca` creates. */
class DefaultInstallTest {

    private static Manifests manifests;

    @BeforeAll
    static void render() {
        manifests = ArcaChart.get().render(ChartValues.defaults());
    }

    @Test
    void lintsCleanInStrictMode() {
        LintResult lint = ArcaChart.get().lint();

        assertThat(lint.isFailed()).as("lint messages: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @ParameterizedTest
    @CsvSource({"kbs, kbs-service, 8080", "attestation-service, attestation-service, 8081", "rvps, rvps-service, 8082"})
    void deploysEachServiceFromItsImageOnItsPort(String component, String image, int port) throws Exception {
        String appVersion = (String) Manifest.at(new Yaml().load(Files.readString(ArcaChart.PATH.resolve("Chart.yaml"))),
                "appVersion");
        Map<String, Object> container = manifests.container(component);
        Map<String, Object> env = manifests.env(component);

        assertThat(container.get("image")).isEqualTo("ghcr.io/arca-dev/" + image + ":" + appVersion);
        assertThat(Manifest.at(container, "ports[0]")).isEqualTo(Map.of("name", "http", "containerPort", port,
                "protocol", "TCP"));
        assertThat(env).containsEntry("SERVER_PORT", String.valueOf(port))
                // services bind loopback by default (docs/architecture.md); in a pod they must listen on all addresses
                .containsEntry("SERVER_ADDRESS", "0.0.0.0")
                .containsEntry("ARCA_DATA_DIR", "/data");
        Manifest service = manifests.component("Service", component);
        assertThat(service.string("spec.type")).isEqualTo("ClusterIP");
        assertThat(service.get("spec.ports[0].port")).isEqualTo(port);
        assertThat(service.get("spec.ports[0].targetPort")).isEqualTo("http");
    }

    @ParameterizedTest
    @CsvSource({"kbs", "attestation-service", "rvps"})
    void probesAskTheActuatorHealthGroupsOnTheManagementPort(String component) {
        Map<String, Object> container = manifests.container(component);

        assertThat(Manifest.at(container, "livenessProbe.httpGet"))
                .isEqualTo(Map.of("path", "/actuator/health/liveness", "port", "management", "scheme", "HTTP"));
        assertThat(Manifest.at(container, "readinessProbe.httpGet"))
                .isEqualTo(Map.of("path", "/actuator/health/readiness", "port", "management", "scheme", "HTTP"));
        assertThat(Manifest.at(container, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        // the named port "management" is where Spring Boot's management server listens, apart from the API
        assertThat(Manifest.at(container, "ports[0].name")).isEqualTo("http");
        assertThat(Manifest.at(container, "ports[1]")).isEqualTo(Map.of("name", "management", "containerPort", 9090,
                "protocol", "TCP"));
        assertThat(manifests.env(component)).containsEntry("MANAGEMENT_SERVER_PORT", "9090")
                .containsEntry("MANAGEMENT_SERVER_ADDRESS", "0.0.0.0")
                .containsEntry("MANAGEMENT_SERVER_SSL_ENABLED", "false");
        assertThat(manifests.component("Service", component).get("spec.ports[1]"))
                .isEqualTo(Map.of("name", "management", "port", 9090, "targetPort", "management", "protocol", "TCP"));
    }

    @ParameterizedTest
    @CsvSource({"kbs", "attestation-service", "rvps"})
    void runsRestrictedWithOnlyDataAndTmpWritable(String component) {
        Manifest deployment = manifests.component("Deployment", component);
        Map<String, Object> container = manifests.container(component);

        assertThat(deployment.get("spec.template.spec.securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(deployment.get("spec.template.spec.securityContext.seccompProfile.type"))
                .isEqualTo("RuntimeDefault");
        assertThat(deployment.get("spec.template.spec.automountServiceAccountToken")).isEqualTo(false);
        assertThat(deployment.get("spec.template.spec.enableServiceLinks")).isEqualTo(false);
        assertThat(Manifest.at(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(Manifest.at(container, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(Manifest.at(container, "securityContext.capabilities.drop")).isEqualTo(List.of("ALL"));
        assertThat(Manifest.at(container, "securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(Manifest.at(container, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
        assertThat(Manifest.at(container, "resources.requests")).isNotNull();
        assertThat(Manifest.at(container, "resources.limits.memory")).isNotNull();

        Map<String, String> writable = Map.of("/data", "data", "/tmp", "tmp");
        for (Object mount : (List<?>) container.get("volumeMounts")) {
            Map<?, ?> m = (Map<?, ?>) mount;
            if (writable.containsKey(m.get("mountPath"))) {
                assertThat(m.get("readOnly")).as("%s is writable", m.get("mountPath")).isNotEqualTo(true);
            } else {
                assertThat(m.get("readOnly")).as("%s is read-only", m.get("mountPath")).isEqualTo(true);
            }
        }
        // H2 keeps its file on a claim by default, so the old pod must stop before the new one opens it
        assertThat(manifests.volume(component, "data").get("persistentVolumeClaim"))
                .isEqualTo(Map.of("claimName", ArcaChart.PREFIX + component));
        assertThat(manifests.has("PersistentVolumeClaim", ArcaChart.PREFIX + component)).isTrue();
        assertThat(deployment.string("spec.strategy.type")).isEqualTo("Recreate");
        assertThat(manifests.volume(component, "tmp").containsKey("emptyDir")).isTrue();
    }

    @Test
    void wiresKbsToTheAttestationServiceAndBothToTheRvpsThroughTheirServices() {
        Map<String, Object> kbs = manifests.env("kbs");
        Map<String, Object> as = manifests.env("attestation-service");

        assertRoutesTo((String) kbs.get("ARCA_KBS_AS_URL"), "attestation-service");
        assertRoutesTo((String) kbs.get("ARCA_KBS_RVPS_URL"), "rvps");
        assertRoutesTo((String) as.get("ARCA_AS_RVPS_URL"), "rvps");
    }

    @Test
    void networkPoliciesLetOnlyTheKbsReachTheAsAndOnlyTheAsAndKbsReachTheRvps() {
        assertThat(peersOf("attestation-service")).containsExactly(podLabels("kbs"));
        assertThat(peersOf("rvps")).containsExactlyInAnyOrder(podLabels("attestation-service"), podLabels("kbs"));

        Manifest kbs = manifests.component("NetworkPolicy", "kbs");
        assertThat(kbs.get("spec.ingress[0].from")).as("guests reach the KBS from anywhere").isNull();
        assertThat(kbs.get("spec.ingress[0].ports")).isEqualTo(List.of(Map.of("port", "http", "protocol", "TCP")));
        // guests reach the API port only: no rule admits the management port (actuator, metrics) by default
        assertThat(kbs.list("spec.ingress")).hasSize(1);
        for (String component : List.of("kbs", "attestation-service", "rvps")) {
            Manifest policy = manifests.component("NetworkPolicy", component);
            assertThat(policy.list("spec.policyTypes")).containsExactly("Ingress");
            assertThat(manifests.selects(policy.map("spec.podSelector.matchLabels"), component)).isTrue();
        }
    }

    @Test
    void pdbsCoverEachServiceAndNothingOptionalIsOn() {
        for (String component : List.of("kbs", "attestation-service", "rvps")) {
            Manifest pdb = manifests.component("PodDisruptionBudget", component);
            assertThat(pdb.get("spec.maxUnavailable")).isEqualTo(1);
            assertThat(manifests.selects(pdb.map("spec.selector.matchLabels"), component)).isTrue();
        }
        assertThat(manifests.ofKind("Ingress")).isEmpty();
        assertThat(manifests.ofKind("ServiceMonitor")).isEmpty();
    }

    @Test
    void generatesAKekOf32RandomBytesThatSurvivesUninstallAndIsMountedWhereTheKbsReadsIt() {
        byte[] kekFile = manifests.secretData("demo-arca-kek", "kek");
        Manifest secret = manifests.one("Secret", "demo-arca-kek");
        Manifest kbs = manifests.component("Deployment", "kbs");

        assertThat(Base64.getDecoder().decode(new String(kekFile, StandardCharsets.US_ASCII))).hasSize(32);
        assertThat(secret.map("metadata.annotations")).containsEntry("helm.sh/resource-policy", "keep");
        assertThat(manifests.env("kbs")).containsEntry("ARCA_KBS_KEK_FILE", "/etc/arca/kek/kek");
        assertThat(manifests.mountPath("kbs", "kek")).isEqualTo("/etc/arca/kek");
        assertThat(manifests.volume("kbs", "kek").get("secret")).isEqualTo(Map.of("secretName", "demo-arca-kek",
                "defaultMode", 288, "items", List.of(Map.of("key", "kek", "path", "kek"))));
        // the chart asked the cluster for a previous KEK before making one
        assertThat(ArcaChart.get().lastRequests()).contains("GET /api/v1/namespaces/arca/secrets/demo-arca-kek");
    }

    @Test
    void generatesAP256TokenSigningKeyInTheFormTheAttestationServiceReads() throws Exception {
        String pem = new String(manifests.secretData("demo-arca-token-signing-key", "signing-key.pem"),
                StandardCharsets.US_ASCII);

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        assertThat(key.getParams().getCurve()).isEqualTo(p256().getCurve());
        assertThat(key.getS().signum()).isPositive();
        assertThat(manifests.env("attestation-service"))
                .containsEntry("ARCA_AS_TOKEN_SIGNING_KEY_FILE", "/etc/arca/token/signing-key.pem");
        assertThat(manifests.mountPath("attestation-service", "token-signing-key"))
                .isEqualTo("/etc/arca/token");
    }

    /** Each caller key is a P-256 pair whose halves match: a token the KBS signs verifies with what the AS trusts. */
    @Test
    void generatesCallerKeyPairsAndMountsOnlyThePublicHalvesInTheCallees() throws Exception {
        for (String caller : List.of("kbs", "attestation-service")) {
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                    pemDer(manifests.secretData("demo-arca-callers", caller + "-key.pem"))));
            PublicKey pub = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(
                    pemDer(manifests.secretData("demo-arca-callers", caller + "-pub.pem"))));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(caller.getBytes(StandardCharsets.UTF_8));
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(pub);
            verifier.update(caller.getBytes(StandardCharsets.UTF_8));
            assertThat(verifier.verify(signature)).as(caller + " key pair").isTrue();
        }
        assertThat(manifests.env("kbs")).containsEntry("ARCA_CALLERS_KEY_FILE", "/etc/arca/callers/key.pem");
        assertThat(manifests.env("attestation-service"))
                .containsEntry("ARCA_CALLERS_KEY_FILE", "/etc/arca/callers/key.pem")
                .containsEntry("ARCA_CALLERS_TRUSTED_KBS", "/etc/arca/callers/kbs.pub");
        assertThat((String) manifests.env("rvps").get("SPRING_APPLICATION_JSON"))
                .contains("\"attestation-service\":[\"/etc/arca/callers/attestation-service.pub\"]");
        assertThat(manifests.mountPath("rvps", "callers")).isEqualTo("/etc/arca/callers");
    }

    private static byte[] pemDer(byte[] pem) {
        return Base64.getMimeDecoder().decode(new String(pem, StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", ""));
    }

    @Test
    void shipsNoKeyMaterialEveryRenderMakesItsOwn() throws Exception {
        Manifests second = ArcaChart.get().render(ChartValues.defaults());

        assertThat(second.secretData("demo-arca-kek", "kek")).isNotEqualTo(manifests.secretData("demo-arca-kek", "kek"));
        assertThat(second.secretData("demo-arca-token-signing-key", "signing-key.pem"))
                .isNotEqualTo(manifests.secretData("demo-arca-token-signing-key", "signing-key.pem"));

        String valuesYaml = Files.readString(ArcaChart.PATH.resolve("values.yaml"));
        assertThat(valuesYaml).doesNotContain("-----BEGIN");
        List<String> defaults = new ArrayList<>();
        collectStrings(new Yaml().load(valuesYaml), defaults);
        for (Manifest secret : manifests.ofKind("Secret")) {
            for (Map.Entry<String, Object> entry : secret.map("data").entrySet()) {
                String value = new String(Base64.getDecoder().decode((String) entry.getValue()), StandardCharsets.UTF_8);
                assertThat(defaults).as("%s/%s comes from values.yaml", secret.name(), entry.getKey())
                        .noneMatch(d -> d.length() >= 8 && value.contains(d));
            }
        }
    }

    @Test
    void oneKbsReplicaOnH2KeepsSessionsInMemory() {
        assertThat(manifests.env("kbs")).containsEntry("ARCA_KBS_SESSION_STORE", "memory");
        assertThat(manifests.component("Service", "kbs").string("spec.sessionAffinity")).isEqualTo("None");
    }

    @Test
    void keepsTheAdminApiClosedUntilAnAdminKeyIsGiven() {
        assertThat(manifests.has("Secret", "demo-arca-admin")).isFalse();
        for (String component : List.of("kbs", "attestation-service", "rvps")) {
            assertThat(manifests.env(component)).doesNotContainKey("ARCA_ADMIN_PUBLIC_KEY_FILES")
                    .containsEntry("ARCA_ADMIN_REQUIRED_ROLE", "admin");
        }
    }

    /** The URL names a Service of this release whose port leads to the target's http container port. */
    private static void assertRoutesTo(String url, String target) {
        assertThat(url).isEqualTo("http://demo-arca-%s.arca.svc:%d", target,
                (Integer) manifests.component("Service", target).get("spec.ports[0].port"));
        Manifest service = manifests.component("Service", target);
        assertThat(manifests.selects(service.map("spec.selector"), target)).as("Service %s selects %s", service.name(), target)
                .isTrue();
        for (String other : List.of("kbs", "attestation-service", "rvps")) {
            if (!other.equals(target)) {
                assertThat(manifests.selects(service.map("spec.selector"), other)).isFalse();
            }
        }
    }

    private static List<Map<String, Object>> peersOf(String component) {
        Manifest policy = manifests.component("NetworkPolicy", component);
        assertThat(policy.list("spec.ingress")).hasSize(1);
        assertThat(policy.get("spec.ingress[0].ports")).isEqualTo(List.of(Map.of("port", "http", "protocol", "TCP")));
        return policy.list("spec.ingress[0].from").stream()
                .map(peer -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> labels = (Map<String, Object>) Manifest.at(peer, "podSelector.matchLabels");
                    assertThat(peer).as("pod peers only, same namespace").isEqualTo(Map.of("podSelector",
                            Map.of("matchLabels", labels)));
                    return labels;
                })
                .toList();
    }

    private static Map<String, Object> podLabels(String component) {
        return Map.of("app.kubernetes.io/name", "arca", "app.kubernetes.io/instance", ArcaChart.RELEASE,
                "app.kubernetes.io/component", component);
    }

    private static ECParameterSpec p256() throws Exception {
        var parameters = java.security.AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        return parameters.getParameterSpec(ECParameterSpec.class);
    }

    private static void collectStrings(Object node, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(v -> collectStrings(v, out));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectStrings(v, out));
        } else if (node instanceof String s) {
            out.add(s);
        }
    }
}
