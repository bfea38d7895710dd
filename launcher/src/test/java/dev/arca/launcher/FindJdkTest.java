package dev.arca.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .mvn/find-jdk.sh}, which {@code ./mvnw} and {@code ./arca} source to pick a JDK 21+, run by {@code sh} with
 * FAKE JDKs: folders whose {@code bin/java} is a script printing a version, as {@code java -version} does.
 */
class FindJdkTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path work;

    private Path jvms;

    @BeforeEach
    void setUp() throws IOException {
        jvms = Files.createDirectories(work.resolve("jvm"));
    }

    private Path jdk(String name, String version, boolean withJavac) throws IOException {
        Path bin = Files.createDirectories(jvms.resolve(name).resolve("bin"));
        executable(bin.resolve("java"), "#!/bin/sh\necho 'openjdk version \"" + version + "\" 2026-01-20' >&2\n");
        if (withJavac) {
            executable(bin.resolve("javac"), "#!/bin/sh\nexit 0\n");
        }
        return jvms.resolve(name);
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    /** Runs a POSIX sh script with only the given environment (plus a PATH holding the basic tools after). */
    private Result sh(String script, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", script).directory(REPOSITORY.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().merge("PATH", "/usr/bin:/bin", (first, tools) -> first + ":" + tools);
        builder.environment().putIfAbsent("ARCA_JDK_DIRS", jvms.toString());
        Path stderr = work.resolve("stderr");
        Process process = builder.redirectError(stderr.toFile()).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        return new Result(exit, stdout.strip(), Files.readString(stderr).strip());
    }

    private static final String USE = ". .mvn/find-jdk.sh && arca_use_jdk test && echo \"$JAVA_HOME|$MAVEN_OPTS\"";

    @Test
    void anOlderJdkFirstOnThePathIsPassedOver() throws Exception {
        Path jdk17 = jdk("jdk-17", "17.0.2", true);
        Path jdk25 = jdk("jdk-25", "25.0.1", true);

        Result result = sh(USE, Map.of("PATH", jdk17.resolve("bin").toString()));

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo(jdk25 + "|--sun-misc-unsafe-memory-access=allow");
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void javaHomeWinsWhenItIsNewEnoughAndIsPassedOverWhenNot() throws Exception {
        Path jdk17 = jdk("jdk-17", "17.0.2", true);
        Path jdk21 = jdk("jdk-21", "21.0.5", true);
        jdk("jdk-25", "25.0.1", true);

        assertThat(sh(USE, Map.of("JAVA_HOME", jdk21.toString())).stdout()).isEqualTo(jdk21 + "|");
        assertThat(sh(USE, Map.of("JAVA_HOME", jdk17.toString())).stdout()).isEqualTo(jdk21 + "|");
    }

    @Test
    void aJreWithoutJavacAndOldJavaEightStyleVersionsDoNotCount() throws Exception {
        jdk("jre-25", "25.0.1", false);
        jdk("jdk-8", "1.8.0_402", true);

        Result result = sh(USE, Map.of());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("test: a JDK 21 or newer is needed; none found in JAVA_HOME, on the PATH or"
                + " under " + jvms + ": install one (e.g. apt install openjdk-21-jdk) or set JAVA_HOME to it");
    }

    @Test
    void mavenOptionsAreNotRepeated() throws Exception {
        jdk("jdk-25", "25.0.1", true);

        Result result = sh(USE, Map.of("MAVEN_OPTS", "-Xmx1g --sun-misc-unsafe-memory-access=warn"));

        assertThat(result.stdout()).endsWith("|-Xmx1g --sun-misc-unsafe-memory-access=warn");
    }

    @Test
    void mvnwStopsWithOneLineWhenThereIsNoJdk21() throws Exception {
        Path jdk17 = jdk("jdk-17", "17.0.2", true);

        for (String command : List.of("./mvnw -q -v", "./arca status")) {
            Result result = sh(command, Map.of("PATH", jdk17.resolve("bin").toString(), "HOME", work.toString()));

            String name = command.substring(2, command.indexOf(' '));
            assertThat(result.exit()).as(command).isEqualTo(1);
            assertThat(result.stderr()).as(command).startsWith(name + ": a JDK 21 or newer is needed;")
                    .doesNotContain("\n");
        }
    }
}
