package dev.arca.deploy.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/container/Containerfile: every image from the source tree in one multi-stage build. No container engine runs
 * here, so the file is read, not built: its stages, what each copies and runs, and that what the build stage copies
 * out is what the Maven build makes.
 */
class ContainerfileTest {

    private static final Path CONTAINERFILE = Path.of("container", "Containerfile");
    private static final List<String> IMAGES = List.of("kbs-service", "attestation-service", "rvps-service",
            "attestation-agent", "admin-cli");
    private static final String ENTRYPOINT = "ENTRYPOINT [\"java\",\"-XX:MaxRAMPercentage=75\",\"-jar\",\"/app/app.jar\"]";
    private static final String USER = "USER 10001:10001";

    /** Instructions of each stage, by stage name, the FROM line first. */
    private static Map<String, List<String>> stages;

    @BeforeAll
    static void parse() throws IOException {
        stages = new LinkedHashMap<>();
        List<String> current = null;
        for (String instruction : instructions(CONTAINERFILE)) {
            if (instruction.startsWith("FROM ")) {
                String[] words = instruction.split(" ");
                assertThat(words).as("every stage is named: %s", instruction).hasSize(4);
                assertThat(words[2]).isEqualTo("AS");
                current = new ArrayList<>();
                assertThat(stages.put(words[3], current)).as("stage %s is named once", words[3]).isNull();
            }
            assertThat(current).as("nothing before the first FROM").isNotNull();
            current.add(instruction);
        }
    }

    @Test
    void oneBuildStageCompilesEveryImageFromTheSourceTree() {
        assertThat(stages).containsOnlyKeys(concat(List.of("build", "runtime"), IMAGES));
        List<String> build = stages.get("build");

        assertThat(build.getFirst()).isEqualTo("FROM eclipse-temurin:25-jdk AS build");
        // the only thing taken from the build context is the source tree itself; .containerignore keeps target/ out
        assertThat(build).filteredOn(i -> i.startsWith("COPY ")).containsExactly("COPY . .");
        String maven = build.stream().filter(i -> i.startsWith("RUN ")).filter(i -> i.contains("./mvnw"))
                .findFirst().orElseThrow();
        assertThat(maven).contains("-Psbom").contains(" package").contains("-am")
                .contains("-pl " + String.join(",", IMAGES)).contains("--mount=type=cache,target=/root/.m2");
        // each image's jar and SBOM, under /out/<image>/, which its stage copies to /app
        assertThat(maven).contains("for m in " + String.join(" ", IMAGES) + ";")
                .contains("cp $m/target/$m-exec.jar /out/$m/app.jar")
                .contains("cp $m/target/$m.cdx.json /out/$m/sbom.cdx.json");
    }

    @Test
    void noImageTakesAPrebuiltJarFromTheBuildContext() {
        for (Map.Entry<String, List<String>> stage : stages.entrySet()) {
            if (!stage.getKey().equals("build")) {
                assertThat(stage.getValue()).as(stage.getKey()).filteredOn(i -> i.startsWith("COPY ") || i.startsWith("ADD "))
                        .allSatisfy(i -> assertThat(i).startsWith("COPY --from=build "));
            }
        }
    }

    @Test
    void theRuntimeBaseCreatesTheNonRootUserAndItsDataDirectory() {
        List<String> runtime = stages.get("runtime");

        assertThat(runtime.getFirst()).isEqualTo("FROM eclipse-temurin:21-jre AS runtime");
        assertThat(runtime).anySatisfy(i -> assertThat(i).startsWith("RUN ")
                .contains("groupadd --system --gid 10001 arca").contains("--uid 10001")
                // /data belongs to the service user, so a fresh volume mounted there is writable
                .contains("chown 10001:10001 /data"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kbs-service", "attestation-service", "rvps-service", "attestation-agent", "admin-cli"})
    void everyImageRunsItsJarAsTheNonRootUid(String image) {
        List<String> stage = stages.get(image);

        assertThat(stage.getFirst()).isEqualTo("FROM runtime AS " + image);
        assertThat(stage).contains("COPY --from=build /out/" + image + "/ /app/", USER, ENTRYPOINT)
                .noneMatch(i -> i.startsWith("RUN ") || i.startsWith("HEALTHCHECK"));
        // the user is switched before the program starts, and never back
        assertThat(stage.indexOf(USER)).isLessThan(stage.indexOf(ENTRYPOINT));
        assertThat(stage).filteredOn(i -> i.startsWith("USER ")).containsExactly(USER);
        assertThat(stage).anySatisfy(i -> assertThat(i).startsWith("LABEL ")
                .contains("org.opencontainers.image.title=\"arca-" + image + "\""));
    }

    @ParameterizedTest
    @CsvSource({"kbs-service, 8080", "attestation-service, 8081", "rvps-service, 8082"})
    void serviceImagesListenOnEveryAddressOnTheirPort(String image, int port) {
        List<String> stage = stages.get(image);

        assertThat(stage).contains("EXPOSE " + port).doesNotContain("CMD [\"--help\"]");
        assertThat(stage).filteredOn(i -> i.startsWith("ENV "))
                .singleElement().asString().contains("SERVER_ADDRESS=0.0.0.0").contains("SERVER_PORT=" + port)
                .contains("ARCA_DATA_DIR=/data");
    }

    @ParameterizedTest
    @ValueSource(strings = {"attestation-agent", "admin-cli"})
    void commandLineImagesShowTheirHelpByDefaultAndListenOnNothing(String image) {
        assertThat(stages.get(image)).contains("CMD [\"--help\"]").noneMatch(i -> i.startsWith("EXPOSE"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kbs-service", "attestation-service", "rvps-service", "attestation-agent", "admin-cli"})
    void theBuildMakesTheJarTheImageCopies(String module) throws IOException {
        String pom = Files.readString(Path.of("..", module, "pom.xml"));

        // either spelling of target/<module>-exec.jar: the repackage classifier or an explicit output file
        assertThat(pom.contains("<classifier>exec</classifier>")
                || pom.contains("<outputFile>${project.build.directory}/${project.artifactId}-exec.jar</outputFile>"))
                .as("%s builds target/%s-exec.jar", module, module).isTrue();
    }

    @Test
    void theSbomProfileWritesTheFileTheBuildStageCopies() throws IOException {
        String parent = Files.readString(Path.of("..", "pom.xml"));
        String profile = parent.substring(parent.indexOf("<id>sbom</id>"));
        profile = profile.substring(0, profile.indexOf("</profile>"));

        assertThat(profile).contains("<artifactId>cyclonedx-maven-plugin</artifactId>")
                .contains("<phase>package</phase>").contains("<goal>makeBom</goal>")
                .contains("<outputFormat>json</outputFormat>")
                .contains("<outputName>${project.artifactId}.cdx</outputName>");
        // a plain ./mvnw verify makes no SBOM: the plugin is bound in the profile only
        String outsideProfiles = parent.substring(0, parent.indexOf("<profiles>"));
        assertThat(outsideProfiles).doesNotContain("<goal>makeBom</goal>");
    }

    @Test
    void theBuildContextLeavesOutBuildOutputAndGit() throws IOException {
        List<String> ignore = Files.readAllLines(Path.of("..", ".containerignore"));

        assertThat(ignore).contains("**/target/", ".git/");
        // docker reads .dockerignore, podman/buildah .containerignore: the same list for both
        assertThat(Files.readAllLines(Path.of("..", ".dockerignore"))).isEqualTo(ignore);
    }

    @Test
    void theContainerfileIsTheOnlyFileInTheDirectory() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("container"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("Containerfile");
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Instructions with their continuation lines joined and comments dropped. */
    private static List<String> instructions(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
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
}
