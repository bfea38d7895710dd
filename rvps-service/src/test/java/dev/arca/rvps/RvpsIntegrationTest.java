package dev.arca.rvps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.model.admin.AdminTokenSigner;
import dev.arca.model.json.Json;
import dev.arca.model.testing.Corpus;
import dev.arca.service.problem.ProblemCatalogue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import dev.arca.rvps.extractor.intoto.InTotoScenarios;
import dev.arca.rvps.grpc.GrpcProperties;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The real service on a random port, with a real H2 file database in a fresh directory under {@code target/}, a real
 * admin key pair, its gRPC listener on a free port, and in-toto layout keys trusted (the synthetic chain's owner,
 * and Trustee's demo one when the real-evidence corpus is present), inspections skipped. Every subclass without further
 * properties shares this one application context (same configuration), so tests use names under their own prefix and
 * put the clock back when they move it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestClockConfiguration.class)
public abstract class RvpsIntegrationTest {

    protected static final Instant START = Instant.parse("2026-11-26T12:00:00.250Z");
    protected static final KeyPair ADMIN_KEYS = TestAdminKeys.generate();
    /** A second trusted admin key, Ed25519, for tokens with upstream's {@code EdDSA} header alg. */
    protected static final KeyPair ED25519_ADMIN_KEYS = TestAdminKeys.generateEd25519();

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected GrpcProperties grpcProperties;

    /** Runs once per application context, so each context gets its own database and gRPC port. */
    @DynamicPropertySource
    static void serviceProperties(DynamicPropertyRegistry registry) {
        Path dataDir = newDataDir();
        int grpcPort = FreePorts.pick();
        Path publicKey = TestAdminKeys.writePublicKey(ADMIN_KEYS, dataDir.resolve("admin/admin-pub.pem"));
        registry.add("arca.data-dir", dataDir::toString);
        Path ed25519Key = TestAdminKeys.writePublicKey(ED25519_ADMIN_KEYS, dataDir.resolve("admin/ed25519-pub.pem"));
        registry.add("arca.admin.public-key-files", () -> publicKey + "," + ed25519Key);
        registry.add("arca.rvps.grpc.port", () -> grpcPort);
        registry.add("arca.callers.trusted.attestation-service", AsCaller::publicKeyFile);
        // the synthetic supply chain's layout owner, and Trustee's demo one when the real-evidence corpus is there
        registry.add("arca.rvps.in-toto.trusted-layout-keys", () -> InTotoScenarios.layoutOwnerKeyFile()
                + (Corpus.present() ? "," + Corpus.path("in-toto/trustee/alice.pub") : ""));
        registry.add("arca.rvps.in-toto.ignore-inspections", () -> "true");
    }

    @AfterEach
    void resetClock() {
        clock.set(START);
    }

    private static Path newDataDir() {
        try {
            Path target = Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(target, "rvps-test-data-").toAbsolutePath();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- tokens

    protected AdminTokenSigner adminSigner() {
        return TestAdminKeys.signer(ADMIN_KEYS, clock);
    }

    protected String adminToken() {
        return adminSigner().sign("test-admin", "admin", Duration.ofMinutes(5));
    }

    /** An admin-signed token with role reader, valid long enough to outlive the tests' clock jumps. */
    protected String readerToken() {
        return adminSigner().sign("test-reader", "reader", Duration.ofDays(800));
    }

    // ---- requests

    /** A gRPC client of the running service; with a token, every call carries it as authorization metadata. */
    protected GrpcClient grpc(String token) {
        return new GrpcClient(grpcProperties.port(), token);
    }

    protected static String samplePayload(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    protected static String message(String type, String payload) {
        return Json.write(Map.of("type", type, "payload", payload));
    }

    protected HttpResponse<String> register(String body) {
        return post("/reference-values", body, adminToken());
    }

    protected HttpResponse<String> registerSample(String json) {
        return register(message("sample", samplePayload(json)));
    }

    protected HttpResponse<String> post(String path, String body, String token) {
        HttpRequest.Builder request = request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(request);
    }

    /** A POST whose body is sent chunked, without Content-Length. */
    protected HttpResponse<String> postChunked(String path, byte[] body, String token) {
        HttpRequest.Builder request = request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        return send(request);
    }

    /** A read as the AS makes it: with its caller token. */
    protected HttpResponse<String> get(String path) {
        return send(request(path, null).header("Authorization", AsCaller.authorization(clock)).GET());
    }

    /** A request without any credential. */
    protected HttpResponse<String> getAnonymous(String path) {
        return send(request(path, null).GET());
    }

    protected HttpResponse<String> delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    // ---- answers

    protected static JsonNode json(HttpResponse<String> response) {
        return Json.tree(response.body());
    }

    /** Asserts an RFC 9457 problem with the status and returns its detail. */
    protected static String assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        // one scheme for the AS and the RVPS, one slug per status (docs/operations.md "Problem types")
        assertThat(problem.path("type").asString())
                .isEqualTo("https://arca.dev/problems/rvps-service/" + ProblemCatalogue.slug(status));
        assertThat(problem.path("title").asString()).isNotEmpty();
        assertThat(problem.path("detail").asString()).isNotEmpty();
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "dev.arca");
        return problem.path("detail").asString();
    }
}
