package dev.arca.agent.image;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code skopeo} (Debian's 1.9.3: {@code apt-get install -y skopeo}; .ci/run installs it), run on OCI layout
 * directories. Tests that need it call {@link #require()}, which skips them with one line when it is absent.
 */
public final class Skopeo {

    private Skopeo() {
    }

    public static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "skopeo");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    public static void require() {
        assumeTrue(find() != null, "skopeo is not installed (apt-get install -y skopeo): skopeo interop not tested");
    }

    /** {@code skopeo copy --insecure-policy ARGS...}; fails the test with skopeo's output when it fails. */
    public static String copy(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(find().toString(), "--insecure-policy", "copy"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("skopeo copy timed out: " + command);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("skopeo " + String.join(" ", arguments) + " failed:\n" + output);
        }
        return output;
    }
}
