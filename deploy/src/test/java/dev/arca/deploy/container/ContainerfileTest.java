package dev.arca.deploy.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** deploy/container: one plain (single-stage) Containerfile per program; no engine runs here to build them. */
class ContainerfileTest {

    private static final String ENTRYPOINT = "ENTRYPOINT [\"java\",\"-XX:MaxRAMPercentage=75\",\"-jar\",\"/app/app.jar\"]";

    @ParameterizedTest
    @CsvSource({"kbs-service, 8080", "attestation-service, 8081", "rvps-service, 8082"})
    void serviceImagesRunTheExecJarAsANonRootUidOnTheirPort(String service, int port) throws IOException {
        List<String> instructions = instructions(service);

        assertThat(instructions.getFirst()).isEqualTo("FROM eclipse-temurin:21-jre");
        assertThat(instructions).filteredOn(i -> i.startsWith("FROM ")).hasSize(1);
        assertThat(instructions).contains("COPY target/" + service + "-exec.jar /app/app.jar")
                .contains("USER 10001:10001")
                .contains("EXPOSE " + port)
                .contains(ENTRYPOINT)
                .noneMatch(i -> i.startsWith("HEALTHCHECK"));
        assertThat(instructions).filteredOn(i -> i.startsWith("ENV "))
                .singleElement().asString().contains("SERVER_ADDRESS=0.0.0.0").contains("SERVER_PORT=" + port)
                .contains("ARCA_DATA_DIR=/data");
        // /data belongs to the service user, so a fresh volume mounted there is writable
        assertThat(instructions).anySatisfy(i -> assertThat(i).startsWith("RUN ").contains("chown 10001:10001 /data"));
        // the user is switched after everything that needs root
        assertThat(instructions.indexOf("USER 10001:10001")).isGreaterThan(lastIndexStartingWith(instructions, "RUN "));
    }

    @Test
    void theAgentImageRunsTheCliAsANonRootUid() throws IOException {
        List<String> instructions = instructions("attestation-agent");

        assertThat(instructions.getFirst()).isEqualTo("FROM eclipse-temurin:21-jre");
        assertThat(instructions).contains("COPY target/attestation-agent-exec.jar /app/app.jar")
                .contains("USER 10001:10001")
                .contains(ENTRYPOINT)
                .contains("CMD [\"--help\"]")
                .noneMatch(i -> i.startsWith("HEALTHCHECK") || i.startsWith("EXPOSE"));
    }

    @Test
    void thereIsOneContainerfilePerProgram() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("container"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(
                    "kbs-service.Containerfile", "attestation-service.Containerfile", "rvps-service.Containerfile",
                    "attestation-agent.Containerfile");
        }
    }

    /** Instructions with their continuation lines joined and comments dropped. */
    private static List<String> instructions(String name) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("container", name + ".Containerfile"))) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
            } else {
                out.add(current.append(trimmed).toString().replaceAll("\\s+", " "));
                current.setLength(0);
            }
        }
        assertThat(current).as("no dangling continuation").isEmpty();
        return out;
    }

    private static int lastIndexStartingWith(List<String> instructions, String prefix) {
        for (int i = instructions.size() - 1; i >= 0; i--) {
            if (instructions.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
