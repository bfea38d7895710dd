package dev.arca.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values that cannot work stop the render with a message that says what to change. */
class ValuesValidationTest {

    @ParameterizedTest
    @CsvSource({"kbs", "attestationService", "rvps"})
    void severalReplicasWithoutPostgresqlAreRefused(String component) {
        String message = ArcaChart.get().renderFailure(ChartValues.defaults().set(component + ".replicaCount", 2));

        assertThat(message).contains(component + ".replicaCount=2 needs PostgreSQL")
                .contains("Set postgresql.enabled=true and postgresql.url");
    }

    @Test
    void severalReplicasWithPostgresqlRender() {
        Manifests manifests = ArcaChart.get().render(ChartValues.defaults().withPostgresql()
                .set("kbs.replicaCount", 2).set("attestationService.replicaCount", 2).set("rvps.replicaCount", 2));

        assertThat(manifests.component("Deployment", "kbs").get("spec.replicas")).isEqualTo(2);
    }

    @Test
    void postgresqlNeedsAJdbcUrl() {
        assertThat(ArcaChart.get().renderFailure(ChartValues.defaults().set("postgresql.enabled", true)
                .set("postgresql.username", "arca")))
                .contains("postgresql.enabled=true needs postgresql.url");
    }

    @Test
    void postgresqlNeedsCredentials() {
        assertThat(ArcaChart.get().renderFailure(ChartValues.defaults().set("postgresql.enabled", true)
                .set("postgresql.url", "jdbc:postgresql://db:5432/arca")))
                .contains("postgresql.enabled=true needs credentials");
    }

    @Test
    void theSchemaRefusesMisspeltKeysAndWrongTypes() {
        assertThat(ArcaChart.get().renderFailure(ChartValues.defaults().set("kbs.replicas", 2)))
                .contains("/kbs").contains("'replicas' not allowed");
        assertThat(ArcaChart.get().renderFailure(ChartValues.defaults().set("rvps.replicaCount", "two")))
                .contains("/rvps/replicaCount").contains("want integer");
        assertThat(ArcaChart.get().renderFailure(ChartValues.defaults().set("postgresql.url", "postgres://db/arca")))
                .contains("/postgresql/url");
        assertThat(ArcaChart.get().renderFailure(ChartValues.defaults().set("kbs.service.type", "Public")))
                .contains("/kbs/service/type");
    }

    @Test
    void tlsNeedsASecret() {
        assertThat(ArcaChart.get().renderFailure(ChartValues.defaults().set("kbs.tls.enabled", true)))
                .contains("kbs.tls.enabled=true needs kbs.tls.secretName");
    }

    @Test
    void anAdminPrivateKeyIsRefused(@TempDir Path dir) throws Exception {
        var pair = KeyPairGenerator.getInstance("EC").generateKeyPair();
        Path both = dir.resolve("admin.pem");
        Files.writeString(both, ArcaChartKeys.pem("PRIVATE KEY", pair.getPrivate().getEncoded())
                + ArcaChartKeys.pem("PUBLIC KEY", pair.getPublic().getEncoded()));

        assertThat(ArcaChart.get().renderFailure(ChartValues.defaults().setFile("admin.publicKeys[0]", both)))
                .contains("admin.publicKeys[0] contains a private key");
    }

    @Test
    void anAdminKeyThatIsNotPemIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("admin.txt");
        Files.writeString(file, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB admin@example");

        assertThat(ArcaChart.get().renderFailure(ChartValues.defaults().setFile("admin.publicKeys[0]", file)))
                .contains("/admin/publicKeys/0");
    }

    @Test
    void theManagementPortMustNotBeAServicePort() {
        // the management server would fail to bind the API's own port, or publish actuator where the API is
        for (int port : new int[] {8080, 8081, 8082, 50003}) {
            assertThat(ArcaChart.get().renderFailure(ChartValues.defaults().set("management.port", port)))
                    .contains("/management/port");
        }
        assertThat(ArcaChart.get().renderFailure(ChartValues.defaults().set("management.port", 80)))
                .contains("/management/port");
        assertThat(ArcaChart.get().render(ChartValues.defaults().set("management.port", 9464)).env("kbs"))
                .containsEntry("MANAGEMENT_SERVER_PORT", "9464");
    }
}
