package dev.arca.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.launcher.suite.SuiteState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./arca up} and {@code ./arca status} with {@link FakeService} processes in place of the services. */
class UpTest {

    @TempDir
    Path work;

    private Path home;
    private Path pids;
    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;

    @BeforeEach
    void setUp() throws IOException {
        home = FakeSuiteHome.create(work.resolve("home"));
        pids = Files.createDirectories(work.resolve("pids"));
    }

    /** Whatever a failed test left running goes (the passing ones check that nothing is left). */
    @AfterEach
    void killLeftovers() throws IOException {
        childPids().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private int run(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        return ArcaCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String[] upArguments(String ready, int... ports) {
        return new String[] {"up", "--dir", work.resolve("suite").toString(),
                "--kbs-port", Integer.toString(ports[0]), "--as-port", Integer.toString(ports[1]),
                "--rvps-port", Integer.toString(ports[2]), "--rvps-grpc-port", Integer.toString(ports[3]),
                "--java-opts", "-Xmx48m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dfake.ready=" + ready
                        + " -Dfake.pids=" + pids};
    }

    private List<Long> childPids() throws IOException {
        try (Stream<Path> files = Files.list(pids)) {
            return files.map(f -> Long.parseLong(f.getFileName().toString())).toList();
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The services get a moment to die after the launcher has gone; none may outlive that. */
    private void assertNoChildSurvives() throws Exception {
        List<Long> children = childPids();
        assertThat(children).hasSize(3);
        Instant deadline = Instant.now().plusSeconds(10);
        while (children.stream().anyMatch(UpTest::alive) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(children).noneMatch(UpTest::alive);
    }

    private static int[] freePorts(int count) throws IOException {
        int[] ports = new int[count];
        ServerSocket[] sockets = new ServerSocket[count];
        for (int i = 0; i < count; i++) {
            sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            ports[i] = sockets[i].getLocalPort();
        }
        for (ServerSocket socket : sockets) {
            socket.close();
        }
        return ports;
    }

    @Test
    void termDuringStartUpStopsEveryServiceAlreadyStarted() throws Exception {
        try (LauncherProcess launcher = LauncherProcess.start(home, upArguments("never", freePorts(4)))) {
            launcher.awaitLine(line -> line.contains("kbs-service") && line.contains("starting on"),
                    Duration.ofSeconds(60));
            // the three are started and none will ever be ready: the launcher is waiting for them
            Instant deadline = Instant.now().plusSeconds(30);
            while ((childPids().size() < 3 || !Files.exists(work.resolve("suite").resolve(SuiteState.FILE)))
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }

            // status already shows what is starting
            assertThat(run("status", "--dir", work.resolve("suite").toString())).isEqualTo(1);
            assertThat(stdout()).contains("launcher pid " + launcher.pid()).containsPattern("kbs-service .* not answering");

            int status = launcher.terminate(Duration.ofSeconds(60));

            assertThat(status).as(launcher.text()).isEqualTo(143);
            assertNoChildSurvives();
            assertThat(launcher.text()).doesNotContain("ready in");
        }
    }

    @Test
    void readySuiteShowsEveryListenerAnswersStatusAndStopsOnTerm() throws Exception {
        int[] ports = freePorts(4);
        Path dir = work.resolve("suite");
        try (LauncherProcess launcher = LauncherProcess.start(home, upArguments("yes", ports))) {
            launcher.awaitLine(line -> line.startsWith("Ctrl-C"), Duration.ofSeconds(90));
            String text = launcher.text();
            // progress per service, then every listener, then hints that reach this very suite
            assertThat(text).contains("rvps-service         ready after", "attestation-service  ready after",
                    "kbs-service          ready after");
            assertThat(text).contains("http://127.0.0.1:" + ports[0], "http://127.0.0.1:" + ports[1],
                    "http://127.0.0.1:" + ports[2], "rvps-service (gRPC)", "127.0.0.1:" + ports[3]);
            assertThat(text).contains("--file - --dir " + dir + " --kbs http://127.0.0.1:" + ports[0],
                    "./arca status --dir " + dir);

            assertThat(run("status", "--dir", dir.toString())).as(stdout() + stderr()).isZero();
            assertThat(stdout()).contains("launcher pid " + launcher.pid())
                    .containsPattern("kbs-service +http://127.0.0.1:" + ports[0] + " +\\d+ +ready")
                    .containsPattern("rvps-service \\(gRPC\\) +127.0.0.1:" + ports[3] + " +listening");

            // a second up on the same directory is refused while this one runs
            assertThat(run(upArguments("yes", freePorts(4)))).isEqualTo(1);
            assertThat(stderr()).startsWith("arca: a suite already runs in " + dir).hasLineCount(1);

            assertThat(launcher.terminate(Duration.ofSeconds(60))).isEqualTo(143);
            assertNoChildSurvives();
        }
        assertThat(dir.resolve(SuiteState.FILE)).doesNotExist();
        assertThat(run("status", "--dir", dir.toString())).isEqualTo(1);
        assertThat(stderr()).isEqualTo("arca: no suite runs in " + dir + " (no suite.json): start one with ./arca up"
                + " --dir " + dir + System.lineSeparator());
    }

    @Test
    void theDirectoryComesFromArcaDirLikeForTheAdminCli() throws Exception {
        Path dir = work.resolve("from-env");
        try (LauncherProcess launcher = LauncherProcess.start(home, java.util.Map.of("ARCA_DIR", dir.toString()),
                "status")) {
            assertThat(launcher.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(launcher.text()).isEqualTo("arca: no suite runs in " + dir + " (no suite.json): start one with"
                    + " ./arca up --dir " + dir);
        }
    }

    @Test
    void aServiceThatExitsDuringStartUpIsOneLineAndStopsTheOthers() throws Exception {
        System.setProperty("arca.home", home.toString());
        try {
            int exit = run(upArguments("exit", freePorts(4)));

            assertThat(exit).isEqualTo(1);
            assertThat(stderr()).hasLineCount(1)
                    .containsPattern("^arca: (rvps|attestation|kbs)-service exited during start-up "
                            + "\\(status 3\\): see .*\\.log");
            assertThat(stderr()).doesNotContain("\tat ", "Exception");
            assertThat(childPids()).noneMatch(UpTest::alive);
            assertThat(work.resolve("suite").resolve(SuiteState.FILE)).doesNotExist();

            // --verbose adds the end of the service's log
            List<String> verbose = new java.util.ArrayList<>(List.of(upArguments("exit", freePorts(4))));
            verbose.add("--verbose");
            assertThat(run(verbose.toArray(String[]::new))).isEqualTo(1);
            assertThat(stderr()).contains("fake service: refusing to start");
        } finally {
            System.clearProperty("arca.home");
        }
    }
}
