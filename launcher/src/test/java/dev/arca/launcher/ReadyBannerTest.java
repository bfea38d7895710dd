package dev.arca.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.launcher.suite.SuiteLayout;
import dev.arca.launcher.suite.SuitePorts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadyBannerTest {

    private static List<String> banner(Path dir, SuitePorts ports) {
        return new ReadyBanner(new SuiteLayout(dir), dir, ports, dir.resolve("admin/admin-key.pem"), true, 12.3)
                .lines();
    }

    @Test
    void defaultsNeedNoOptionsInTheHints() {
        List<String> lines = banner(Path.of(".arca"), SuitePorts.DEFAULT);

        assertThat(lines.getFirst()).isEqualTo("arca: ready in 12.3 s");
        assertThat(String.join("\n", lines)).contains("http://127.0.0.1:8080", "http://127.0.0.1:8081",
                "http://127.0.0.1:8082", "rvps-service (gRPC)", "127.0.0.1:50003", "(created)");
        assertThat(lines).contains("  echo -n s3cret | ./arca admin set-resource default/key/demo --file -",
                "  ./arca admin list-resources", "  ./arca status");
    }

    @Test
    void customPortsAndDirectoryAreCarriedIntoTheHints() {
        List<String> lines = banner(Path.of("my suite"), new SuitePorts(38080, 38081, 38082, 0));

        assertThat(lines).contains(
                "  echo -n s3cret | ./arca admin set-resource default/key/demo --file - --dir 'my suite'"
                        + " --kbs http://127.0.0.1:38080",
                "  ./arca status --dir 'my suite'");
        assertThat(String.join("\n", lines)).doesNotContain("gRPC");
    }
}
