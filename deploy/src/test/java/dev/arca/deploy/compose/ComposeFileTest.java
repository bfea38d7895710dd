package dev.arca.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** deploy/compose/compose.yaml: the three services and PostgreSQL 17, wired by environment variables. */
class ComposeFileTest {

    private static Map<String, Object> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws Exception {
        // SnakeYAML resolves the << merge keys the file uses, as Compose does
        Map<String, Object> compose = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(Path.of("compose", "compose.yaml")));
        services = (Map<String, Object>) compose.get("services");
    }

    @Test
    void runsTheThreeServicesAndPostgresql17() {
        assertThat(services).containsOnlyKeys("postgres", "rvps", "attestation-service", "kbs");
        assertThat(service("postgres").get("image")).isEqualTo("postgres:17");
    }

    @ParameterizedTest
    @CsvSource({"kbs, kbs-service, 8080, kbs", "attestation-service, attestation-service, 8081, attestation",
            "rvps, rvps-service, 8082, rvps"})
    @SuppressWarnings("unchecked")
    void eachServiceRunsItsImageOnItsOwnSchemaWithTheAdminKey(String name, String image, int port, String schema) {
        Map<String, Object> service = service(name);
        Map<String, Object> env = env(name);

        assertThat(service.get("image")).isEqualTo("ghcr.io/arca-dev/" + image + ":${ARCA_VERSION:-0.1.0}");
        // or built from the source tree by the one multi-stage Containerfile, from the repository root
        assertThat(service.get("build")).isEqualTo(Map.of("context", "../..", "dockerfile",
                "deploy/container/Containerfile", "target", image));
        assertThat(Path.of("compose").resolve("../..").resolve("deploy/container/Containerfile")).exists();
        assertThat(env).containsEntry("SERVER_PORT", String.valueOf(port))
                .containsEntry("SERVER_ADDRESS", "0.0.0.0")
                .containsEntry("ARCA_DATA_DIR", "/data")
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/arca?currentSchema=" + schema)
                .containsEntry("SPRING_FLYWAY_SCHEMAS", schema)
                .containsEntry("SPRING_DATASOURCE_USERNAME", "arca")
                .containsEntry("ARCA_ADMIN_PUBLIC_KEY_FILES", "/etc/arca/admin/admin-pub.pem");
        // no database password is shipped: Compose refuses to start without one
        assertThat(env.get("SPRING_DATASOURCE_PASSWORD")).asString().startsWith("${ARCA_DB_PASSWORD:?");
        assertThat((List<Object>) service.get("volumes"))
                .contains("${ARCA_ADMIN_PUBLIC_KEY:-./admin/admin-pub.pem}:/etc/arca/admin/admin-pub.pem:ro")
                .anySatisfy(v -> assertThat(v.toString()).endsWith(":/data"));
        assertThat(service.get("user")).isEqualTo("10001:10001");
        assertThat(service.get("read_only")).isEqualTo(true);
        assertThat(service.get("cap_drop")).isEqualTo(List.of("ALL"));
        assertThat(Map.class.cast(service.get("depends_on"))).containsKey("postgres");
    }

    @Test
    void environmentVariablesWireKbsToAsToRvps() {
        assertThat(env("kbs")).containsEntry("ARCA_KBS_AS_URL", "http://attestation-service:8081")
                .containsEntry("ARCA_KBS_RVPS_URL", "http://rvps:8082")
                .containsEntry("ARCA_KBS_SESSION_STORE", "jdbc");
        assertThat(env("attestation-service")).containsEntry("ARCA_AS_RVPS_URL", "http://rvps:8082");
        assertThat(Map.class.cast(service("kbs").get("depends_on"))).containsKeys("attestation-service", "rvps");
        assertThat(Map.class.cast(service("attestation-service").get("depends_on"))).containsKey("rvps");
    }

    @Test
    void onlyTheKbsIsPublishedAndOnLoopbackUnlessAskedOtherwise() {
        assertThat(service("kbs").get("ports")).isEqualTo(List.of("${ARCA_KBS_BIND:-127.0.0.1}:${ARCA_KBS_PORT:-8080}:8080"));
        for (String name : List.of("postgres", "rvps", "attestation-service")) {
            assertThat(service(name)).doesNotContainKey("ports");
        }
    }

    @ParameterizedTest
    @CsvSource({"kbs", "attestation-service", "rvps"})
    void healthchecksAskTheActuatorReadinessOnTheServicePort(String name) {
        Map<?, ?> healthcheck = (Map<?, ?>) service(name).get("healthcheck");
        List<?> test = (List<?>) healthcheck.get("test");

        assertThat(test.subList(0, 3)).isEqualTo(List.of("CMD", "bash", "-c"));
        // $$ is Compose's escape: the shell in the container reads its own SERVER_PORT
        assertThat(test.get(3).toString()).contains("/dev/tcp/127.0.0.1/$${SERVER_PORT}")
                .contains("GET /actuator/health/readiness HTTP/1.1").contains("grep -q ' 200 '");
        assertThat(Map.class.cast(service("postgres").get("healthcheck")).get("test").toString()).contains("pg_isready");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(String name) {
        Map<String, Object> env = (Map<String, Object>) service(name).get("environment");
        env.replaceAll((k, v) -> String.valueOf(v));
        return env;
    }
}
