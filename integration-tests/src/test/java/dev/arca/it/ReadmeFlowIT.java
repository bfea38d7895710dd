package dev.arca.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's "Running the suite yourself", run exactly as printed: each {@code ./arca admin …} and
 * {@code ./arca agent …} line of its code block, from the repository root, by the launcher jar {@code ./arca} runs,
 * against a real suite. Only where the suite is differs from a user's machine, and the commands learn it the way a
 * user would point them elsewhere: {@code ARCA_DIR} and {@code ARCA_KBS_URL} for the admin CLI, upstream's
 * {@code AA_KBC_PARAMS} for the agent.
 */
class ReadmeFlowIT {

    static final Path HOME = Path.of(System.getProperty("arca.home", "..")).toAbsolutePath().normalize();

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.start();
    }

    @AfterAll
    static void stopSuite() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }

    /** The {@code ./arca admin|agent} lines of the README section, comments removed. */
    static List<String> readmeCommands() throws IOException {
        String readme = Files.readString(HOME.resolve("README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("## Running the suite yourself");
        assertThat(section).as("README has the section").isNotNegative();
        int start = readme.indexOf("```bash", section);
        int end = readme.indexOf("```", start + 7);
        List<String> commands = new ArrayList<>();
        for (String line : readme.substring(start + 7, end).lines().toList()) {
            String command = line.replaceAll("\\s+#.*$", "").strip();
            if (command.startsWith("./arca admin ") || command.startsWith("./arca agent ")) {
                commands.add(command);
            }
        }
        return commands;
    }

    @Test
    void theManualFlowReleasesTheExampleSecretToTheSampleGuest() throws Exception {
        List<String> commands = readmeCommands();
        assertThat(commands).hasSize(4);
        String lastOutput = "";
        for (String command : commands) {
            Run run = run(command);
            assertThat(run.exit).as(command + "\n" + run.output).isZero();
            lastOutput = run.output;
        }
        String secret = Files.readString(HOME.resolve("deploy/examples/sample/disk.key"), StandardCharsets.UTF_8);
        assertThat(lastOutput).contains(secret.strip());
    }

    record Run(int exit, String output) {
    }

    /** One README line: "./arca" becomes the launcher jar it execs, every other word is kept as printed. */
    static Run run(String command) throws Exception {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Darca.home=" + HOME, "-jar", HOME.resolve("launcher/target/launcher-exec.jar").toString()));
        argv.addAll(List.of(command.substring("./arca ".length()).split("\\s+")));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(HOME.toFile()).redirectErrorStream(true);
        builder.environment().put("ARCA_DIR", suite.dir.toString());
        builder.environment().put("ARCA_KBS_URL", suite.kbs());
        builder.environment().put("AA_KBC_PARAMS", "cc_kbc::" + suite.kbs());
        builder.environment().remove("ARCA_TOKEN");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
