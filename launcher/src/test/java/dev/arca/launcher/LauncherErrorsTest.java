package dev.arca.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every failure of ./arca is one line that says what to do, with exit 2 for usage and 1 otherwise. */
class LauncherErrorsTest {

    @TempDir
    Path work;

    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;

    private int run(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        return ArcaCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void bareArcaAndBareAdminBothPrintTheUsageAndExit2() {
        assertThat(run()).isEqualTo(2);
        assertThat(stderr()).startsWith("arca: a command is required").contains("Usage: arca", "up", "status", "demo");
        assertThat(out.size()).isZero();

        assertThat(run("admin")).isEqualTo(2);
        assertThat(stderr()).contains("a command is required").contains("Usage: arca-admin");
        assertThat(out.size()).isZero();

        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(stderr()).startsWith("arca: Unmatched argument");
    }

    @Test
    void imageEncryptGoesToTheAdminCliAndDecryptToTheAgent() {
        assertThat(run("image")).isEqualTo(2);
        assertThat(stderr()).startsWith("arca: image needs encrypt or decrypt");

        String missing = "oci:" + work.resolve("nothing") + ":v1";
        assertThat(run("image", "encrypt", missing, "oci:" + work.resolve("out"), "--keyid", "kbs:///t/k/1",
                "--dir", work.toString())).isEqualTo(1);
        assertThat(stderr()).startsWith("error: image-encrypt failed: ").contains("is not an OCI image layout");

        assertThat(run("image", "decrypt", missing, "oci:" + work.resolve("out"), "--tee", "sample")).isEqualTo(1);
        assertThat(stderr()).startsWith("error: image-decrypt: ").contains("is not an OCI image layout");

        assertThat(run("image", "encrypt", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: arca-admin image-encrypt", "--keyid");
    }

    @Test
    void aPortGivenTwiceIsAUsageError() {
        int exit = run("up", "--dir", work.resolve("s").toString(), "--kbs-port", "38080", "--as-port", "38080");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).isEqualTo("arca: port 38080 is given to both --kbs-port and --as-port: give each service"
                + " its own port" + System.lineSeparator());
        assertThat(work.resolve("s")).doesNotExist();
    }

    @Test
    void aPortInUseIsReportedBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int exit = run("up", "--dir", work.resolve("s").toString(), "--rvps-port",
                    Integer.toString(taken.getLocalPort()), "--kbs-port", "0", "--as-port", "0",
                    "--rvps-grpc-port", "0");

            assertThat(exit).isEqualTo(1);
            assertThat(stderr()).hasLineCount(1).startsWith("arca: port " + taken.getLocalPort()
                    + " (--rvps-port) is already in use on 127.0.0.1: ").contains("choose another with --rvps-port");
        }
        assertThat(run("up", "--kbs-port", "70000")).isEqualTo(2);
        assertThat(stderr()).isEqualTo("arca: --kbs-port 70000 is not a port: use 1-65535" + System.lineSeparator());
    }

    @Test
    void aDirThatIsAFileIsOneLineWithoutAStackTrace() throws Exception {
        Path file = Files.writeString(work.resolve("not-a-dir"), "x");

        assertThat(run("up", "--dir", file.toString())).isEqualTo(2);
        assertThat(stderr()).isEqualTo("arca: --dir " + file + " is a file, not a directory: give a directory (it is"
                + " created when missing), e.g. --dir .arca" + System.lineSeparator());
        assertThat(run("status", "--dir", file.toString())).isEqualTo(2);
        assertThat(stderr()).hasLineCount(1);
    }

    @Test
    void anUnreadableAdminKeyIsOneLine() throws Exception {
        Path dir = work.resolve("s");
        Files.createDirectories(dir.resolve("admin"));
        Files.writeString(dir.resolve("admin/admin-key.pem"), "not a key");

        assertThat(run("up", "--dir", dir.toString(), "--kbs-port", "0", "--as-port", "0", "--rvps-port", "0",
                "--rvps-grpc-port", "0")).isEqualTo(1);
        assertThat(stderr()).hasLineCount(1).startsWith("arca: cannot read " + dir.resolve("admin/admin-key.pem"));
        assertThat(run("up", "--dir", dir.toString(), "--kbs-port", "0", "--as-port", "0", "--rvps-port", "0",
                "--rvps-grpc-port", "0", "--verbose")).isEqualTo(1);
        assertThat(stderr()).contains("\tat ");
    }

    @Test
    void missingJarsSayHowToBuildThem() {
        System.setProperty("arca.home", work.toString());
        try {
            assertThat(run("up", "--dir", work.resolve("s").toString(), "--kbs-port", "0", "--as-port", "0",
                    "--rvps-port", "0", "--rvps-grpc-port", "0")).isEqualTo(1);
            assertThat(stderr()).hasLineCount(1).endsWith("-exec.jar is missing: build the jars with ./arca build"
                    + System.lineSeparator());
        } finally {
            System.clearProperty("arca.home");
        }
    }
}
