package dev.arca.kbs.ops;

import dev.arca.kbs.testing.KbsInstance;
import dev.arca.kbs.testing.SampleGuest;
import dev.arca.kbs.testing.TestCertificates;
import dev.arca.kbs.testing.TestEnvironment;
import dev.arca.model.admin.PemKeys;
import dev.arca.model.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One KBS with a configuration of its own: HTTPS from PEM files (a Spring Boot SSL bundle), the admin API switched
 * off ({@code deny-all}), a tight /auth rate limit, and RSA1_5 left at its default (off).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsTest {

    @TempDir
    static Path dir;

    static KbsInstance kbs;
    static HttpClient client;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        TestCertificates.Issued ca = TestCertificates.rootCa("Test TLS CA");
        TestCertificates.Issued server = TestCertificates.server(ca);
        Path certificate = Files.writeString(dir.resolve("kbs-chain.pem"),
                TestCertificates.pem(server.certificate()) + TestCertificates.pem(ca.certificate()));
        Path key = Files.writeString(dir.resolve("kbs-key.pem"), PemKeys.toPem(server.keys().getPrivate()));

        Map<String, Object> properties = KbsInstance.baseProperties(dir.resolve("data"));
        properties.put("spring.ssl.bundle.pem.kbs.keystore.certificate", certificate.toString());
        properties.put("spring.ssl.bundle.pem.kbs.keystore.private-key", key.toString());
        properties.put("server.ssl.bundle", "kbs");
        properties.put("arca.admin.mode", "deny-all");
        properties.put("arca.kbs.rate-limit.auth.burst", "3");
        properties.put("arca.kbs.rate-limit.auth.per-minute", "1");
        kbs = KbsInstance.start(properties, null);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, factory.getTrustManagers(), null);
        client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        base = "https://127.0.0.1:" + kbs.port();
    }

    @AfterAll
    static void stop() {
        if (kbs != null) {
            kbs.close();
        }
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    @Test
    @Order(1)
    void servesHttpsFromPemFilesAndTheFullHandshakeWorks() throws Exception {
        HttpResponse<String> auth = post("/kbs/v0/auth", "{\"version\":\"0.4.0\",\"tee\":\"sample\"}");
        assertThat(auth.statusCode()).as(auth.body()).isEqualTo(200);
        assertThat(auth.sslSession()).isPresent();
        String cookie = auth.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String nonce = Json.tree(auth.body()).get("nonce").asString();
        SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.P256);
        HttpResponse<String> attest = post("/kbs/v0/attest",
                guest.attestation(nonce, dev.arca.model.json.HashAlgorithm.SHA384, false, null), "Cookie", cookie);
        assertThat(attest.statusCode()).as(attest.body()).isEqualTo(200);

        HttpResponse<String> readiness = send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")));
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        HttpResponse<String> liveness = send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/liveness")));
        assertThat(Json.tree(liveness.body()).get("status").asString()).isEqualTo("UP");
    }

    @Test
    void plainHttpIsNotServed() throws Exception {
        // Tomcat answers a plain-text request on a TLS port with a 400 and never runs the handler
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> answer = plain.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + kbs.port() + "/kbs/v0/auth")).timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"version\":\"0.4.0\",\"tee\":\"sample\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(answer.body()).doesNotContain("nonce");
    }

    @Test
    void denyAllClosesEveryAdminEndpointEvenForAValidAdmin() throws Exception {
        String admin = TestEnvironment.adminBearer("admin");
        for (String path : new String[] {"/kbs/v0/resource/default/key/x", "/kbs/v0/resource-policy"}) {
            HttpResponse<String> answer = post(path, "{}", "Authorization", admin);
            assertThat(answer.statusCode()).as(path).isEqualTo(403);
            assertThat(answer.body()).contains("/errors/AdminAccessForbidden").contains("deny-all");
        }
        HttpResponse<String> audit = send(HttpRequest.newBuilder(URI.create(base + "/kbs/v0/admin/audit"))
                .header("Authorization", admin));
        assertThat(audit.statusCode()).isEqualTo(403);
    }

    /** Last: the two /auth calls before leave one of the three in the bucket. */
    @Test
    @Order(10)
    void authIsRateLimitedPerClientAddress() throws Exception {
        int allowed = 0;
        HttpResponse<String> limited = null;
        for (int i = 0; i < 6 && limited == null; i++) {
            HttpResponse<String> answer = post("/kbs/v0/auth", "{\"version\":\"0.4.0\",\"tee\":\"sample\"}");
            if (answer.statusCode() == 429) {
                limited = answer;
            } else {
                allowed++;
            }
        }
        assertThat(limited).isNotNull();
        assertThat(allowed).isEqualTo(1);
        assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 60);
        JsonNode problem = Json.tree(limited.body());
        assertThat(problem.get("type").asString()).endsWith("/errors/TooManyRequests");
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        // other endpoints are not limited
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/liveness"))).statusCode())
                .isEqualTo(200);
    }

    @Test
    @Order(2)
    void rsa15IsOffByDefaultSoLegacyGuestsAreRefusedAtAttest() throws Exception {
        HttpResponse<String> auth = post("/kbs/v0/auth", "{\"version\":\"0.1.1\",\"tee\":\"sample\"}");
        assertThat(auth.statusCode()).as(auth.body()).isEqualTo(200);
        String cookie = auth.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String nonce = Json.tree(auth.body()).get("nonce").asString();
        SampleGuest legacy = SampleGuest.create(SampleGuest.KeyKind.RSA1_5);
        HttpResponse<String> attest = post("/kbs/v0/attest", legacy.legacyAttestation("0.1.1", nonce, false),
                "Cookie", cookie);
        assertThat(attest.statusCode()).as(attest.body()).isEqualTo(400);
        assertThat(attest.body()).contains("/errors/JweError").contains("allow-rsa1-5");
    }
}
