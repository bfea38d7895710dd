package dev.arca.attestation.verifier.cca;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A FAKE of a Veraison verifier's challenge-response API (the real one runs elsewhere, e.g. Linaro's test service) over
 * real HTTP: {@code POST /challenge-response/v1/newSession?nonce=…} opens a session, a post of a CCA token to it is
 * appraised synchronously (200) or asynchronously (202, then {@code processing} once before {@code complete}), and
 * the result is an EAR JWT signed with this fake's own P-256 key. It does not verify the token: its EAR says what the
 * test tells it to (statuses, nonce, signing key), with realm and platform claims in Veraison's annotated-evidence
 * shape whose realm challenge is the session nonce. Every request is recorded.
 */
public final class FakeVeraisonServer implements AutoCloseable {

    public static final byte[] RIM = filled(48, 0x11);
    static final byte[] IMPLEMENTATION_ID = filled(32, 0x22);
    static final byte[] INSTANCE_ID = filled(33, 0x01);

    private final HttpServer server;
    private final ECKey key = generate();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    // what the next appraisal answers; tests change these before calling
    volatile boolean asynchronous;
    volatile String platformStatus = "affirming";
    volatile String realmStatus = "affirming";
    volatile ECKey signingKey = key;
    volatile byte[] earNonce;
    volatile int newSessionStatus = 201;
    volatile int evidenceStatus;
    volatile String sessionState;
    volatile long delayMillis;
    volatile byte[] personalizationValue = new byte[64];

    private record Session(byte[] nonce, AtomicInteger polls, String[] ear) {
    }

    private FakeVeraisonServer(HttpServer server) {
        this.server = server;
    }

    public static FakeVeraisonServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeVeraisonServer fake = new FakeVeraisonServer(server);
            server.createContext("/challenge-response/v1/", fake::handle);
            server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The public key a relying party configures (Veraison's well-known {@code ear-verification-key}). */
    public ECKey publicKey() {
        return key.toPublicJWK();
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (delayMillis > 0) {
                sleep(delayMillis);
            }
            if (path.endsWith("/newSession") && "POST".equals(exchange.getRequestMethod())) {
                newSession(exchange);
                return;
            }
            Session session = sessions.get(path.substring(path.lastIndexOf('/') + 1));
            if (session == null) {
                problem(exchange, 404, "no such session");
                return;
            }
            switch (exchange.getRequestMethod()) {
                case "POST" -> submit(exchange, session, body);
                case "GET" -> answer(exchange, 200, poll(session));
                case "DELETE" -> exchange.sendResponseHeaders(204, -1);
                default -> problem(exchange, 405, "method not allowed");
            }
        }
    }

    private void newSession(HttpExchange exchange) throws IOException {
        if (newSessionStatus != 201) {
            problem(exchange, newSessionStatus, "cannot open a session");
            return;
        }
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null || !query.startsWith("nonce=")) {
            problem(exchange, 400, "this fake expects a caller-chosen nonce");
            return;
        }
        byte[] nonce = Base64.getUrlDecoder().decode(query.substring("nonce=".length()));
        String id = Integer.toString(ids.incrementAndGet());
        Session session = new Session(nonce, new AtomicInteger(), new String[1]);
        sessions.put(id, session);
        exchange.getResponseHeaders().add("Location", "session/" + id);
        answer(exchange, 201, state(session, "waiting"));
    }

    private void submit(HttpExchange exchange, Session session, byte[] token) throws IOException {
        if (evidenceStatus != 0) {
            problem(exchange, evidenceStatus, "cannot process the evidence");
            return;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!VeraisonSession.CCA_MEDIA_TYPE.equals(type) || token.length == 0) {
            problem(exchange, 415, "unsupported media type " + type);
            return;
        }
        session.ear()[0] = ear(session.nonce());
        if (asynchronous) {
            answer(exchange, 202, state(session, "processing"));
        } else {
            answer(exchange, 200, poll(session));
        }
    }

    /** Asynchronous sessions stay {@code processing} for one poll. */
    private Map<String, Object> poll(Session session) {
        if (asynchronous && session.polls().getAndIncrement() == 0) {
            return state(session, "processing");
        }
        return state(session, sessionState != null ? sessionState : "complete");
    }

    private Map<String, Object> state(Session session, String state) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("nonce", Base64.getUrlEncoder().withoutPadding().encodeToString(session.nonce()));
        body.put("expiry", "2030-10-12T07:20:50.52Z");
        body.put("accept", List.of(VeraisonSession.CCA_MEDIA_TYPE));
        body.put("state", state);
        if ("complete".equals(state) && session.ear()[0] != null) {
            body.put("result", session.ear()[0]);
        }
        return body;
    }

    private String ear(byte[] nonce) {
        Base64.Encoder b64 = Base64.getEncoder();
        Map<String, Object> realm = new LinkedHashMap<>();
        realm.put("cca-realm-challenge", b64.encodeToString(java.util.Arrays.copyOf(nonce, 64)));
        realm.put("cca-realm-personalization-value", b64.encodeToString(personalizationValue));
        realm.put("cca-realm-initial-measurement", b64.encodeToString(RIM));
        realm.put("cca-realm-extensible-measurements", List.of(b64.encodeToString(new byte[48]),
                b64.encodeToString(new byte[48]), b64.encodeToString(new byte[48]), b64.encodeToString(new byte[48])));
        realm.put("cca-realm-hash-algo-id", "sha-384");
        realm.put("cca-realm-public-key-hash-algo-id", "sha-256");
        Map<String, Object> platform = new LinkedHashMap<>();
        platform.put("cca-platform-instance-id", b64.encodeToString(INSTANCE_ID));
        platform.put("cca-platform-implementation-id", b64.encodeToString(IMPLEMENTATION_ID));
        platform.put("cca-platform-profile", "http://arm.com/CCA-SSD/1.0.0");
        platform.put("cca-platform-lifecycle", 12288);
        Map<String, Object> submods = new LinkedHashMap<>();
        submods.put(VeraisonEar.PLATFORM, submod(platformStatus, platform));
        submods.put(VeraisonEar.REALM, submod(realmStatus, realm));
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("eat_profile", "tag:github.com,2023:veraison/ear")
                .issueTime(new Date())
                .claim("ear.verifier-id", Map.of("build", "fake", "developer", "arca tests"))
                .claim("eat_nonce", Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(earNonce != null ? earNonce : nonce))
                .claim("submods", submods)
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), claims);
            jwt.sign(new ECDSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> submod(String status, Map<String, Object> annotated) {
        Map<String, Object> submod = new LinkedHashMap<>();
        submod.put("ear.status", status);
        submod.put("ear.trustworthiness-vector", Map.of("instance-identity", 2, "hardware", 2));
        submod.put("ear.veraison.annotated-evidence", annotated);
        return submod;
    }

    private static void answer(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = com.nimbusds.jose.util.JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", VeraisonSession.SESSION_MEDIA_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        byte[] bytes = ("{\"title\":\"error\",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
