package dev.arca.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.launcher.suite.SuiteLayout;
import dev.arca.launcher.suite.SuiteState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./arca up --postgres URL} with KBS and AS replicas, on {@link FakeService} processes: what each process is
 * told (its schema, database sessions, no password on its command line), the replicas on their own ports, and the
 * fronts on the suite's ports handing connections to them. The real services on a real PostgreSQL under faults are
 * integration-tests' ScaleOutFaultsIT.
 */
class UpScaleOutTest {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5999/arca";

    @TempDir
    Path work;

    private Path home;
    private Path pids;

    @BeforeEach
    void setUp() throws IOException {
        home = FakeSuiteHome.create(work.resolve("home"));
        pids = Files.createDirectories(work.resolve("pids"));
    }

    @AfterEach
    void killLeftovers() throws IOException {
        childPids().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private List<Long> childPids() throws IOException {
        try (Stream<Path> files = Files.list(pids)) {
            return files.map(f -> Long.parseLong(f.getFileName().toString())).toList();
        }
    }

    @Test
    void replicasShareOneDatabaseEachServiceInItsSchemaBehindRoundRobinFronts() throws Exception {
        int[] ports = freePorts(8);
        Path dir = work.resolve("suite");
        String[] arguments = {"up", "--dir", dir.toString(), "--kbs-port", Integer.toString(ports[0]),
            "--as-port", Integer.toString(ports[1]), "--rvps-port", Integer.toString(ports[2]),
            "--rvps-grpc-port", "0", "--postgres", URL, "--postgres-user", "arca", "--kbs-replicas", "2",
            "--as-replicas", "2", "--replica-ports-from", Integer.toString(ports[3]),
            "--java-opts", "-Xmx48m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dfake.pids=" + pids};
        // consecutive replica ports from --replica-ports-from: make sure the next three are free as well
        try (LauncherProcess launcher = LauncherProcess.start(home,
                Map.of("ARCA_POSTGRES_PASSWORD", "not-on-the-command-line"), arguments)) {
            launcher.awaitLine(line -> line.contains("attestation-service replicas on"), Duration.ofSeconds(120));
            assertThat(launcher.text()).contains("on PostgreSQL " + URL + " (schemas kbs, attestation, rvps)")
                    .contains("kbs-service replicas on [" + ports[3] + ", " + (ports[3] + 1) + "]");

            List<Long> children = childPids();
            assertThat(children).hasSize(5);
            Map<String, Long> perSchema = new HashMap<>();
            for (long pid : children) {
                String commandLine = String.join(" ", ProcessHandle.of(pid).orElseThrow().info().arguments()
                        .orElseThrow());
                assertThat(commandLine).doesNotContain("not-on-the-command-line")
                        .contains("--spring.datasource.username=arca");
                assertThat(Files.readString(Path.of("/proc", Long.toString(pid), "environ")))
                        .contains("SPRING_DATASOURCE_PASSWORD=not-on-the-command-line");
                for (String schema : List.of("kbs", "attestation", "rvps")) {
                    if (commandLine.contains("--spring.datasource.url=" + URL + "?currentSchema=" + schema + " ")) {
                        assertThat(commandLine).contains("--spring.flyway.schemas=" + schema);
                        perSchema.merge(schema, 1L, Long::sum);
                        assertThat(commandLine.contains("--arca.kbs.session-store=jdbc")).isEqualTo(
                                schema.equals("kbs"));
                    }
                }
            }
            assertThat(perSchema).containsExactlyInAnyOrderEntriesOf(Map.of("kbs", 2L, "attestation", 2L, "rvps", 1L));

            // the suite's KBS and AS ports are fronts that reach the replicas
            HttpClient http = HttpClient.newHttpClient();
            for (int front : new int[] {ports[0], ports[1]}) {
                HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + front + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(readiness.statusCode()).isEqualTo(200);
            }
            // a replica that dies is started again while the other one serves
            long kbsReplica = pidListening(ports[3] + 1);
            ProcessHandle replica = ProcessHandle.of(kbsReplica).orElseThrow();
            replica.destroyForcibly();
            replica.onExit().get();
            launcher.awaitLine(line -> line.contains("kbs-service replica on http://127.0.0.1:" + (ports[3] + 1)
                    + " is ready"), Duration.ofSeconds(120));
            assertThat(launcher.text()).contains("stopped on its own (status 137); starting it again");
            assertThat(pidListening(ports[3] + 1)).isNotEqualTo(kbsReplica);

            SuiteState state = SuiteState.read(new SuiteLayout(dir)).orElseThrow();
            assertThat(state.services()).extracting(SuiteState.Service::name).containsExactlyInAnyOrder(
                    "rvps-service", "attestation-service", "attestation-service-2", "kbs-service", "kbs-service-2");
            assertThat(launcher.terminate(Duration.ofSeconds(60))).isEqualTo(143);
        }
    }

    /** The fake service process whose --server.port is that port. */
    private long pidListening(int port) throws IOException {
        for (long pid : childPids()) {
            Optional<String[]> arguments = ProcessHandle.of(pid).flatMap(p -> p.info().arguments());
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && arguments.isPresent()
                    && List.of(arguments.get()).contains("--server.port=" + port)) {
                return pid;
            }
        }
        throw new IllegalStateException("no live service on port " + port);
    }

    @Test
    void replicasWithoutPostgresAreAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ArcaCommand.run(new String[] {"up", "--dir", work.resolve("suite").toString(), "--kbs-replicas", "2"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("arca: several replicas need --postgres JDBC-URL");
    }

    @Test
    void aUrlThatIsNotPostgresOrPicksASchemaIsAUsageError() {
        for (String url : List.of("jdbc:h2:file:/tmp/x", URL + "?currentSchema=public")) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = ArcaCommand.run(new String[] {"up", "--dir", work.resolve("suite").toString(), "--postgres", url},
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(exit).as(url).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("arca: --postgres: ");
        }
    }

    /** Free ports, the fourth with the three after it free too (the replicas take consecutive ports from it). */
    private static int[] freePorts(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int[] ports = new int[count];
            ServerSocket[] sockets = new ServerSocket[count];
            try {
                for (int i = 0; i < 3; i++) {
                    sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    ports[i] = sockets[i].getLocalPort();
                }
                sockets[3] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[3] = sockets[3].getLocalPort();
                for (int i = 4; i < count; i++) {
                    ports[i] = ports[3] + i - 3;
                    sockets[i] = new ServerSocket(ports[i], 1, InetAddress.getLoopbackAddress());
                }
                return ports;
            } catch (IOException taken) {
                // one of the consecutive ports is in use: try another start
            } finally {
                for (ServerSocket socket : sockets) {
                    if (socket != null) {
                        socket.close();
                    }
                }
            }
        }
        throw new IOException("no four consecutive free ports");
    }
}
