package dev.arca.it;

import dev.arca.launcher.suite.ServiceJars;
import dev.arca.launcher.suite.ServiceKind;
import dev.arca.launcher.suite.Suite;
import dev.arca.launcher.suite.SuiteLayout;
import dev.arca.launcher.suite.SuitePorts;
import dev.arca.model.admin.AdminTokenSigner;
import dev.arca.model.admin.PemKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The three services started from their packaged jars as separate processes (exactly as ./arca up runs them), on
 * free ports, with H2 under a temporary directory and a fresh admin key pair. Shared by the tests of one class.
 */
final class RunningSuite implements AutoCloseable {

    final Suite suite;
    final Path dir;
    private final AdminTokenSigner admin;
    /** The admin key pair, for tests that forge or misuse admin tokens. */
    final KeyPair adminKey;
    final SuitePorts ports;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningSuite(Suite suite, SuitePorts ports, Path dir, KeyPair adminKey) {
        this.suite = suite;
        this.ports = ports;
        this.dir = dir;
        this.adminKey = adminKey;
        this.admin = new AdminTokenSigner(adminKey.getPrivate(), adminKey.getPublic(), Clock.systemUTC());
    }

    static RunningSuite start() throws Exception {
        return start(Map.of());
    }

    /** {@code extraArguments}: Spring properties per service, e.g. switches a test needs. */
    static RunningSuite start(Map<ServiceKind, List<String>> extraArguments) throws Exception {
        return start(extraArguments, SuitePorts.free());
    }

    /** With the RVPS's gRPC listener on a free port too (off in {@link SuitePorts#free()}). */
    static RunningSuite startWithGrpc() throws Exception {
        SuitePorts free = SuitePorts.free();
        int grpc;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            grpc = socket.getLocalPort();
        }
        return start(Map.of(), new SuitePorts(free.kbs(), free.attestationService(), free.rvps(), grpc));
    }

    private static RunningSuite start(Map<ServiceKind, List<String>> extraArguments, SuitePorts ports)
            throws Exception {
        Path dir = Files.createTempDirectory("arca-it-");
        SuiteLayout layout = new SuiteLayout(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair adminKey = generator.generateKeyPair();
        Files.createDirectories(layout.adminDir());
        Files.writeString(layout.adminPublicKey(), PemKeys.toPem(adminKey.getPublic()));
        // the private half where ./arca admin looks for it (DIR/admin/admin-key.pem), for tests that run the CLI
        Files.writeString(layout.adminPrivateKey(), PemKeys.toPem(adminKey.getPrivate()));
        ServiceJars jars = new ServiceJars(Path.of(System.getProperty("arca.home", "..")));
        List<String> jvmOptions = List.of("-Xmx384m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED");
        Suite suite = Suite.start(jars, layout, ports, jvmOptions, extraArguments);
        return new RunningSuite(suite, ports, dir, adminKey);
    }

    String kbs() {
        return suite.url(ServiceKind.KBS);
    }

    String url(ServiceKind kind) {
        return suite.url(kind);
    }

    String adminToken() {
        return admin.sign("integration-test", "admin", Duration.ofMinutes(5));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> adminPost(String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(kbs() + path))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    @Override
    public void close() {
        suite.close();
    }
}
