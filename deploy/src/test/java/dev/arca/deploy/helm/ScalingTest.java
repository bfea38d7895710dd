package dev.arca.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stateless replicas on a shared PostgreSQL: the configuration Arca scales out on (docs/deployment.md). */
class ScalingTest {

    private static Manifests manifests;

    @BeforeAll
    static void render() {
        manifests = ArcaChart.get().render(ChartValues.defaults().withPostgresql()
                .set("kbs.replicaCount", 3).set("attestationService.replicaCount", 2).set("rvps.replicaCount", 2));
    }

    @ParameterizedTest
    @CsvSource({"kbs, 3, kbs", "attestation-service, 2, attestation", "rvps, 2, rvps"})
    void everyReplicaUsesItsOwnSchemaOfTheSharedDatabase(String component, int replicas, String schema) {
        Map<String, Object> env = manifests.env(component);
        Manifest deployment = manifests.component("Deployment", component);

        assertThat(deployment.get("spec.replicas")).isEqualTo(replicas);
        assertThat(env).containsEntry("SPRING_DATASOURCE_URL",
                        "jdbc:postgresql://db.example.internal:5432/arca?sslmode=verify-full&currentSchema=" + schema)
                // Flyway creates the schema and keeps its history there, apart from the other services'
                .containsEntry("SPRING_FLYWAY_SCHEMAS", schema);
        assertThat(env.get("SPRING_DATASOURCE_USERNAME"))
                .isEqualTo(Map.of("secretKeyRef", Map.of("name", "demo-arca-postgresql", "key", "username")));
        assertThat(env.get("SPRING_DATASOURCE_PASSWORD"))
                .isEqualTo(Map.of("secretKeyRef", Map.of("name", "demo-arca-postgresql", "key", "password")));
        // nothing is kept on the pod: no claim, and rolling updates keep the service up
        assertThat(manifests.volume(component, "data").containsKey("emptyDir")).isTrue();
        assertThat(manifests.has("PersistentVolumeClaim", ArcaChart.PREFIX + component)).isFalse();
        assertThat(deployment.get("spec.strategy"))
                .isEqualTo(Map.of("type", "RollingUpdate", "rollingUpdate", Map.of("maxSurge", 1, "maxUnavailable", 0)));
    }

    @Test
    void replicasShareTheKekAndTheSigningKeyFromSecrets() {
        assertThat(manifests.volume("kbs", "kek").get("secret")).extracting("secretName").isEqualTo("demo-arca-kek");
        assertThat(manifests.volume("attestation-service", "token-signing-key").get("secret"))
                .extracting("secretName").isEqualTo("demo-arca-token-signing-key");
    }

    @Test
    void theCredentialsSecretHoldsTheGivenCredentials() {
        assertThat(new String(manifests.secretData("demo-arca-postgresql", "username"), StandardCharsets.UTF_8))
                .isEqualTo("arca");
        assertThat(new String(manifests.secretData("demo-arca-postgresql", "password"), StandardCharsets.UTF_8))
                .isEqualTo("render-test-password");
    }

    @Test
    void kbsReplicasShareTheirSessionsThroughTheDatabase() {
        // /auth, /attest and the resource request may reach different replicas (arca.kbs.session-store=jdbc)
        assertThat(manifests.env("kbs")).containsEntry("ARCA_KBS_SESSION_STORE", "jdbc");
        assertThat(manifests.component("Service", "kbs").string("spec.sessionAffinity")).isEqualTo("None");
        assertThat(manifests.component("Service", "attestation-service").get("spec.sessionAffinity")).isNull();
    }

    @Test
    void kbsReplicasKeepingSessionsInMemoryStickToTheReplicaThatOpenedThem() {
        Manifests memory = ArcaChart.get().render(ChartValues.defaults().withPostgresql()
                .set("kbs.replicaCount", 2).set("kbs.sessionStore", "memory"));

        assertThat(memory.env("kbs")).containsEntry("ARCA_KBS_SESSION_STORE", "memory");
        assertThat(memory.component("Service", "kbs").string("spec.sessionAffinity")).isEqualTo("ClientIP");
    }

    @Test
    void anExistingCredentialsSecretAndAUrlWithoutParametersAreUsedAsGiven() {
        Manifests existing = ArcaChart.get().render(ChartValues.defaults()
                .set("postgresql.enabled", true)
                .set("postgresql.url", "jdbc:postgresql://db:5432/arca")
                .set("postgresql.existingSecret", "arca-db")
                .set("postgresql.usernameKey", "user")
                .set("postgresql.passwordKey", "pass"));

        assertThat(existing.ofKind("Secret")).extracting(Manifest::name).doesNotContain("demo-arca-postgresql");
        assertThat(existing.env("rvps")).containsEntry("SPRING_DATASOURCE_URL",
                "jdbc:postgresql://db:5432/arca?currentSchema=rvps");
        assertThat(existing.env("rvps").get("SPRING_DATASOURCE_PASSWORD"))
                .isEqualTo(Map.of("secretKeyRef", Map.of("name", "arca-db", "key", "pass")));
        assertThat(existing.env("kbs").get("SPRING_DATASOURCE_USERNAME"))
                .isEqualTo(Map.of("secretKeyRef", Map.of("name", "arca-db", "key", "user")));
        assertThat(existing.component("Service", "kbs").string("spec.sessionAffinity")).isEqualTo("None");
        assertThat(existing.env("kbs")).containsEntry("ARCA_KBS_SESSION_STORE", "jdbc");
        assertThat(List.of("kbs", "attestation-service", "rvps"))
                .allSatisfy(c -> assertThat(existing.component("Deployment", c).get("spec.replicas")).isEqualTo(1));
    }
}
