package dev.arca.it;

import dev.arca.launcher.suite.ScaleOut;
import dev.arca.launcher.suite.ServiceJars;
import dev.arca.launcher.suite.ServiceKind;
import dev.arca.launcher.suite.ServiceProcess;
import dev.arca.launcher.suite.SharedDatabase;
import dev.arca.launcher.suite.Suite;
import dev.arca.launcher.suite.SuiteLayout;
import dev.arca.launcher.suite.SuitePorts;
import dev.arca.model.admin.AdminTokenSigner;
import dev.arca.model.admin.PemKeys;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Two KBS, two AS and one RVPS as real processes on one real PostgreSQL server (its own process, stoppable), wired
 * as {@code ./arca up --postgres URL --kbs-replicas 2 --as-replicas 2} wires them: the KBS replicas reach the AS
 * replicas through the launcher's round-robin front. The AS keeps reference values for {@link #RVPS_CACHE_TTL} and
 * serves them stale for at most {@link #RVPS_STALE_IF_ERROR} more, so an RVPS outage longer than that is felt.
 */
final class ScaleOutSuite implements AutoCloseable {

    static final String ADMIT_SAMPLE =
            "input.submods.cpu0[\"ear.status\"] == \"affirming\" && request.path[0] == \"it\"";
    /** The same decision, another text: what the admin writes alternate between. */
    static final String ADMIT_SAMPLE_REORDERED =
            "request.path[0] == \"it\" && input.submods.cpu0[\"ear.status\"] == \"affirming\"";
    static final String DENIED = "deny/key/never";
    static final Duration RVPS_CACHE_TTL = Duration.ofSeconds(1);
    static final Duration RVPS_STALE_IF_ERROR = Duration.ofSeconds(2);

    private final Suite suite;
    private final FaultPostgres postgres;
    private final ScaleOut scaleOut;
    private final AdminTokenSigner admin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The secrets written before the load starts: path → content. */
    final Map<String, String> seeded = new LinkedHashMap<>();

    private final Path dir;

    private ScaleOutSuite(Path dir, Suite suite, FaultPostgres postgres, ScaleOut scaleOut, AdminTokenSigner admin) {
        this.dir = dir;
        this.suite = suite;
        this.postgres = postgres;
        this.scaleOut = scaleOut;
        this.admin = admin;
    }

    static ScaleOutSuite start() throws Exception {
        Path dir = Files.createTempDirectory("arca-scaleout-");
        FaultPostgres postgres = FaultPostgres.start(dir.resolve("postgres"));
        try {
            SuiteLayout layout = new SuiteLayout(dir.resolve("suite"));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair adminKey = generator.generateKeyPair();
            Files.createDirectories(layout.adminDir());
            Files.writeString(layout.adminPublicKey(), PemKeys.toPem(adminKey.getPublic()));
            ScaleOut scaleOut = new ScaleOut(new SharedDatabase(postgres.jdbcUrl(), "postgres", "postgres"),
                    List.of(freePort(), freePort()), List.of(freePort(), freePort()));
            // five JVMs on two cores: a small heap each, and C1 only, which halves their start-up
            List<String> jvmOptions = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "--enable-native-access=ALL-UNNAMED");
            Map<ServiceKind, List<String>> arguments = Map.of(
                    // every guest here comes from 127.0.0.1: the /auth rate limit per client address would throttle
                    ServiceKind.KBS, List.of("--arca.kbs.rate-limit.auth.enabled=false"),
                    ServiceKind.ATTESTATION_SERVICE, List.of(
                            "--arca.as.rvps-cache-ttl=" + RVPS_CACHE_TTL.toMillis() + "ms",
                            "--arca.as.rvps-stale-if-error=" + RVPS_STALE_IF_ERROR.toMillis() + "ms"));
            Suite suite = Suite.start(new ServiceJars(Path.of(System.getProperty("arca.home", ".."))), layout,
                    SuitePorts.free(), scaleOut, jvmOptions, arguments);
            ScaleOutSuite started = new ScaleOutSuite(dir, suite, postgres, scaleOut,
                    new AdminTokenSigner(adminKey.getPrivate(), adminKey.getPublic(), Clock.systemUTC()));
            started.seed();
            return started;
        } catch (Exception | Error e) {
            postgres.close();
            throw e;
        }
    }

    private void seed() throws Exception {
        String payload = Base64s.std(("{\"svn\":[\"1\"],\"launch_digest\":[\"abcde\"],\"major_version\":1,"
                + "\"minimum_minor_version\":0}").getBytes(StandardCharsets.UTF_8));
        require(adminPost("/kbs/v0/reference-value", "application/json",
                ("{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\"" + payload + "\"}")
                        .getBytes(StandardCharsets.UTF_8)));
        require(adminPost("/kbs/v0/resource-policy", "application/json", policyBody(ADMIT_SAMPLE)));
        for (int i = 0; i < 5; i++) {
            seeded.put("it/key/k" + i, "seeded secret " + i + " " + UUID.randomUUID());
        }
        for (Map.Entry<String, String> secret : seeded.entrySet()) {
            require(adminPost("/kbs/v0/resource/" + secret.getKey(), "application/octet-stream",
                    secret.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        require(adminPost("/kbs/v0/resource/" + DENIED, "application/octet-stream",
                "must never be released".getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] policyBody(String cel) {
        return ("{\"policy\":\"" + Base64s.url(cel.getBytes(StandardCharsets.UTF_8)) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void require(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("setting up failed: " + response.statusCode() + " " + response.body());
        }
    }

    HttpClient http() {
        return http;
    }

    String adminToken() {
        return admin.sign("scale-out-test", "admin", Duration.ofMinutes(5));
    }

    /** The KBS replicas' own URLs, which guests use in turn (no load balancer, no stickiness). */
    List<String> kbsReplicas() {
        return scaleOut.kbsReplicaPorts().stream().map(port -> "http://127.0.0.1:" + port).toList();
    }

    List<ServiceProcess> replicas(ServiceKind kind) {
        return suite.replicas(kind);
    }

    HttpResponse<String> adminPost(String path, String contentType, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(kbsReplicas().getFirst() + path))
                .header("Authorization", "Bearer " + adminToken()).header("Content-Type", contentType)
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An admin GET that must succeed, on the given service's URL (the front for the AS). */
    String adminGet(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + adminToken()).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    String url(ServiceKind kind) {
        return suite.url(kind);
    }

    /** The stored resource policy's text. */
    String resourcePolicy() throws Exception {
        String view = adminGet(kbsReplicas().getLast() + "/kbs/v0/admin/resource-policies/resource-policy");
        return new String(Base64s.fromUrl(Json.tree(view).get("policy").asString()), StandardCharsets.UTF_8);
    }

    /** The AS's policies and the RVPS's reference values as an admin lists them: what no fault may change. */
    Map<String, String> upstreamListings() throws Exception {
        return Map.of("as GET /policy", adminGet(url(ServiceKind.ATTESTATION_SERVICE) + "/policy"),
                "rvps GET /reference-values", adminGet(url(ServiceKind.RVPS) + "/reference-values"));
    }

    /**
     * Everything written is still there afterwards: every acknowledged secret is released (by a fresh guest, through
     * both KBS replicas) with exactly the bytes written, an unacknowledged one is either absent or exact, the resource
     * policy is the last acknowledged text (or a later unacknowledged one), and the AS's policies and the RVPS's
     * reference values are as before the faults. Returns what is wrong, empty when nothing is.
     */
    List<String> integrityProblems(AdminWrites writes, Map<String, String> listingsBefore) throws Exception {
        List<String> problems = new ArrayList<>();
        AtomicInteger turn = new AtomicInteger();
        RawGuest guest = new RawGuest(http, () -> kbsReplicas().get(turn.getAndIncrement() % kbsReplicas().size()));
        HttpResponse<String> auth = guest.auth();
        HttpResponse<String> attest = guest.attest(guest.attestationBody(guest.nonce, guest.nonce), true);
        if (auth.statusCode() != 200 || attest.statusCode() != 200) {
            return List.of("a fresh guest cannot attest after the faults: " + attest.statusCode() + " " + attest.body());
        }
        Map<String, String> expected = new LinkedHashMap<>(seeded);
        expected.putAll(writes.acknowledgedSecrets());
        for (Map.Entry<String, String> secret : expected.entrySet()) {
            HttpResponse<String> released = guest.getResource(secret.getKey());
            if (released.statusCode() != 200) {
                problems.add("acknowledged secret " + secret.getKey() + " answers " + released.statusCode());
            } else if (!secret.getValue().equals(GuestLoad.decrypt(guest, released.body()))) {
                problems.add("acknowledged secret " + secret.getKey() + " has other bytes than written");
            }
        }
        for (Map.Entry<String, String> secret : writes.unacknowledgedSecrets().entrySet()) {
            HttpResponse<String> released = guest.getResource(secret.getKey());
            if (released.statusCode() == 200 && !secret.getValue().equals(GuestLoad.decrypt(guest, released.body()))) {
                problems.add("unacknowledged secret " + secret.getKey() + " has other bytes than written");
            } else if (released.statusCode() != 200 && released.statusCode() != 404) {
                problems.add("unacknowledged secret " + secret.getKey() + " answers " + released.statusCode());
            }
        }
        String policy = resourcePolicy();
        if (!writes.policyCandidates().contains(policy)) {
            problems.add("the resource policy is '" + policy + "', none of " + writes.policyCandidates());
        }
        if (!upstreamListings().equals(listingsBefore)) {
            problems.add("AS policies or RVPS reference values changed: " + upstreamListings() + " was "
                    + listingsBefore);
        }
        return problems;
    }

    /** SIGKILL one replica. */
    ServiceProcess kill(ServiceKind kind, int replica) throws InterruptedException {
        ServiceProcess process = suite.replicas(kind).get(replica);
        process.kill();
        return process;
    }

    /** A graceful stop (TERM), as an operator's or a node drain's. */
    ServiceProcess stop(ServiceKind kind) {
        ServiceProcess process = suite.replicas(kind).getFirst();
        process.close();
        return process;
    }

    /** Starts a stopped or killed replica again; returns how long it took to become ready. */
    Duration restart(ServiceProcess stopped) throws Exception {
        long begin = System.nanoTime();
        suite.restart(stopped, Suite.START_TIMEOUT);
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    void stopPostgres() throws IOException {
        postgres.stop();
    }

    void startPostgres() throws IOException {
        postgres.startAgain();
    }

    /** The resident set size of every service process now (KiB, from /proc), by "service pid". */
    Map<String, Long> rss() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (ServiceProcess process : suite.running()) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        sizes.put(process.kind().module() + " " + process.pid(),
                                Long.parseLong(line.replaceAll("[^0-9]", "")));
                    }
                }
            } catch (IOException | NumberFormatException gone) {
                // the process stopped between the listing and the read
            }
        }
        return sizes;
    }

    /** Logs of every service, for a failure's message. */
    List<Path> logs() {
        List<Path> logs = new ArrayList<>();
        suite.running().forEach(p -> logs.add(p.log()));
        return logs;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            suite.close();
        } finally {
            postgres.close();
        }
        // the database files are large; the logs are kept, for a failure's report
        try (Stream<Path> files = Files.walk(dir.resolve("postgres"))) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }
}
