package dev.arca.agent.kbs;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEEncrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.arca.model.error.ErrorInformation;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Jcs;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.Attestation;
import dev.arca.model.kbs.KbsRequest;
import dev.arca.model.kbs.TeePublicKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * FAKE KBS — a test double of the Key Broker Service that speaks protocol 0.4.0 as specs/kbs.md §2–§3 describe it:
 * it issues a nonce and a {@code kbs-session-id} cookie, checks the nonce, the tee-pubkey and that the sample
 * evidence binds H(JCS(runtime data)) (primary and additional devices), signs a token, and returns resources as a
 * flattened JWE encrypted with Nimbus to the guest key. It stands in for the real kbs-service, which the lead tests
 * against elsewhere; it verifies nothing a real AS would beyond the sample evidence binding.
 */
public final class FakeKbsServer implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter COOKIE_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private record Session(String nonce, String tee, HashAlgorithm hash, JsonNode teePubkey, String token) {
        Session attested(JsonNode key, String newToken) {
            return new Session(nonce, tee, hash, key, newToken);
        }
    }

    private final HttpServer server;
    private final ECPrivateKey tokenKey;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, byte[]> resources = new ConcurrentHashMap<>();
    private final AtomicInteger auths = new AtomicInteger();
    private final AtomicInteger attests = new AtomicInteger();
    private final AtomicInteger resourceRequests = new AtomicInteger();

    private volatile HashAlgorithm selectedHash;
    private volatile boolean alwaysUnauthorized;
    private volatile int resourceFailureStatus;
    private volatile ErrorInformation resourceFailure;
    private volatile int authFailureStatus;
    private volatile ErrorInformation authFailure;
    private volatile JsonNode lastAttestation;
    private volatile JsonNode lastAuthRequest;

    private FakeKbsServer() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        tokenKey = (ECPrivateKey) generator.generateKeyPair().getPrivate();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/kbs/v0/auth", exchange -> handle(exchange, this::auth));
        server.createContext("/kbs/v0/attest", exchange -> handle(exchange, this::attest));
        server.createContext("/kbs/v0/resource/", exchange -> handle(exchange, this::resource));
        server.start();
    }

    public static FakeKbsServer start() throws Exception {
        return new FakeKbsServer();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void putResource(String path, byte[] value) {
        resources.put(path, value.clone());
    }

    /** Answer the Challenge with {"selected-hash-algorithm": name} instead of "". */
    public void selectHashAlgorithm(HashAlgorithm hash) {
        selectedHash = hash;
    }

    /** Forget every session, as when the KBS session times out: the next resource request gets 401. */
    public void expireSessions() {
        sessions.clear();
    }

    /** Answer every resource request with 401, as upstream does for a token it will not accept. */
    public void rejectAllTokens() {
        alwaysUnauthorized = true;
    }

    public void failResourcesWith(KbsErrorType type, String detail) {
        resourceFailure = ErrorInformation.kbs(type, detail);
        resourceFailureStatus = type.status();
    }

    public void failAuthWith(KbsErrorType type, String detail) {
        authFailure = ErrorInformation.kbs(type, detail);
        authFailureStatus = type.status();
    }

    public int authCount() {
        return auths.get();
    }

    public int attestCount() {
        return attests.get();
    }

    public int resourceRequestCount() {
        return resourceRequests.get();
    }

    /** The last Attestation body the fake accepted or rejected, as JSON. */
    public JsonNode lastAttestation() {
        return lastAttestation;
    }

    public JsonNode lastAuthRequest() {
        return lastAuthRequest;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private record Answer(int status, String contentType, byte[] body, String sessionId) {
        static Answer json(Object body) {
            return new Answer(200, "application/json", Json.writeBytes(body), null);
        }

        static Answer problem(KbsErrorType type, String detail) {
            return problem(type.status(), ErrorInformation.kbs(type, detail));
        }

        static Answer problem(int status, ErrorInformation problem) {
            return new Answer(status, "application/problem+json", Json.writeBytes(problem), null);
        }

        Answer withCookie(String id) {
            return new Answer(status, contentType, body, id);
        }
    }

    @FunctionalInterface
    private interface Handler {
        Answer handle(HttpExchange exchange, byte[] body) throws Exception;
    }

    private void handle(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Answer answer;
            try {
                answer = handler.handle(exchange, body);
            } catch (RuntimeException e) {
                answer = Answer.problem(KbsErrorType.InvalidRequest, "bad request: " + e.getMessage());
            } catch (Exception e) {
                answer = Answer.problem(KbsErrorType.PluginInternalError, e.toString());
            }
            if (answer.sessionId() != null) {
                exchange.getResponseHeaders().add("Set-Cookie", SessionCookie.NAME + "=" + answer.sessionId()
                        + "; Expires=" + COOKIE_DATE.format(Instant.now().plusSeconds(300)));
            }
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        }
    }

    private Answer auth(HttpExchange exchange, byte[] body) {
        auths.incrementAndGet();
        if (!"POST".equals(exchange.getRequestMethod())) {
            return Answer.problem(KbsErrorType.InvalidRequest, "method not allowed");
        }
        lastAuthRequest = Json.MAPPER.readTree(body);
        if (authFailure != null) {
            return Answer.problem(authFailureStatus, authFailure);
        }
        KbsRequest request = Json.read(body, KbsRequest.class);
        if (!"0.4.0".equals(request.version())) {
            return Answer.problem(KbsErrorType.ProtocolVersionMismatch,
                    "KBS Client Protocol Version Mismatch: expect =0.4.0 while the request is " + request.version());
        }
        if (request.teeType().isEmpty()) {
            return Answer.problem(KbsErrorType.InvalidRequest, "unknown tee " + request.tee());
        }
        HashAlgorithm hash = HashAlgorithm.DEFAULT;
        JsonNode extra = Json.MAPPER.getNodeFactory().stringNode("");
        if (selectedHash != null) {
            hash = selectedHash;
            ObjectNode selected = Json.MAPPER.createObjectNode();
            selected.put("selected-hash-algorithm", hash.wireName());
            extra = selected;
        }
        byte[] nonceBytes = new byte[32];
        RANDOM.nextBytes(nonceBytes);
        byte[] idBytes = new byte[16];
        RANDOM.nextBytes(idBytes);
        String id = HexFormat.of().formatHex(idBytes);
        String nonce = Base64s.std(nonceBytes);
        sessions.put(id, new Session(nonce, request.tee(), hash, null, null));
        ObjectNode challenge = Json.MAPPER.createObjectNode();
        challenge.put("nonce", nonce);
        challenge.set("extra-params", extra);
        return Answer.json(challenge).withCookie(id);
    }

    private Answer attest(HttpExchange exchange, byte[] body) throws JOSEException {
        attests.incrementAndGet();
        String id = sessionId(exchange);
        Session session = id == null ? null : sessions.get(id);
        if (session == null) {
            return Answer.problem(KbsErrorType.AttestationError, "RCAR handshake Attest failed: no session");
        }
        lastAttestation = Json.MAPPER.readTree(body);
        Attestation attestation = Json.read(body, Attestation.class);
        if (!session.nonce().equals(attestation.runtimeData().nonce())) {
            return Answer.problem(KbsErrorType.AttestationError, "RCAR handshake Attest failed: nonce mismatch");
        }
        JsonNode teePubkey = attestation.runtimeData().teePubkey();
        TeePublicKey.parse(teePubkey);
        String additional = attestation.teeEvidence().additionalEvidenceOrEmpty();

        // Independent re-computation of the binding the AS checks (specs/kbs.md §2.3 step 6, §2.4).
        ObjectNode primaryRuntime = Json.MAPPER.createObjectNode();
        primaryRuntime.set("tee-pubkey", teePubkey);
        primaryRuntime.put("nonce", session.nonce());
        primaryRuntime.put("additional-evidence", additional);
        String mismatch = sampleMismatch(attestation.teeEvidence().primaryEvidence(), "1",
                session.hash().digest(Jcs.canonicalize(primaryRuntime)));
        if (mismatch == null && !additional.isEmpty()) {
            ObjectNode deviceRuntime = Json.MAPPER.createObjectNode();
            deviceRuntime.put("nonce", session.nonce());
            deviceRuntime.set("tee-pubkey", teePubkey);
            byte[] expected = session.hash().digest(Jcs.canonicalize(deviceRuntime));
            for (Map.Entry<String, JsonNode> device : Json.MAPPER.readTree(additional).properties()) {
                mismatch = "sampledevice".equals(device.getKey())
                        ? sampleMismatch(device.getValue(), "2", expected)
                        : "unexpected device " + device.getKey();
                if (mismatch != null) {
                    break;
                }
            }
        }
        if (mismatch != null) {
            return Answer.problem(KbsErrorType.AttestationError, "RCAR handshake Attest failed: " + mismatch);
        }
        String token = token(session.tee(), attestation, teePubkey);
        sessions.put(id, session.attested(teePubkey, token));
        return Answer.json(Map.of("token", token)).withCookie(id);
    }

    private static String sampleMismatch(JsonNode evidence, String svn, byte[] expected) {
        if (evidence == null || !svn.equals(evidence.path("svn").asString(null))) {
            return "sample evidence svn is not " + svn;
        }
        byte[] reportData = Base64s.fromStd(evidence.path("report_data").asString(""));
        return Arrays.equals(reportData, expected) ? null : "report_data does not bind the runtime data";
    }

    private String token(String tee, Attestation attestation, JsonNode teePubkey) throws JOSEException {
        ObjectNode runtimeClaims = Json.MAPPER.createObjectNode();
        runtimeClaims.put("nonce", attestation.runtimeData().nonce());
        runtimeClaims.set("tee-pubkey", teePubkey);
        ObjectNode annotated = Json.MAPPER.createObjectNode();
        annotated.set(tee, attestation.teeEvidence().primaryEvidence());
        annotated.set("runtime_data_claims", runtimeClaims);
        ObjectNode cpu0 = Json.MAPPER.createObjectNode();
        cpu0.put("ear.status", "affirming");
        cpu0.set("ear.veraison.annotated-evidence", annotated);
        ObjectNode submods = Json.MAPPER.createObjectNode();
        submods.set("cpu0", cpu0);
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("fake-kbs")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("submods", Json.MAPPER.convertValue(submods, Map.class))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), claims);
        jwt.sign(new ECDSASigner(tokenKey));
        return jwt.serialize();
    }

    private Answer resource(HttpExchange exchange, byte[] body) throws JOSEException {
        resourceRequests.incrementAndGet();
        if (alwaysUnauthorized) {
            return Answer.problem(KbsErrorType.TokenVerifierError, "Token Verifier error");
        }
        String id = sessionId(exchange);
        Session session = id == null ? null : sessions.get(id);
        if (session == null || session.token() == null) {
            return Answer.problem(KbsErrorType.TokenNotFound, "Attestation Token not found");
        }
        if (resourceFailure != null) {
            return Answer.problem(resourceFailureStatus, resourceFailure);
        }
        String path = exchange.getRequestURI().getPath().substring("/kbs/v0/resource/".length());
        byte[] value = resources.get(path);
        if (value == null) {
            return Answer.problem(KbsErrorType.ResourceNotFound, "resource " + path + " not found");
        }
        return Answer.json(encrypt(TeePublicKey.parse(session.teePubkey()), value));
    }

    /** Flattened JWE (specs/kbs.md §3.2) built by Nimbus, as a real KBS would build it. */
    private static Map<String, String> encrypt(TeePublicKey key, byte[] plaintext) throws JOSEException {
        JWEAlgorithm alg = JWEAlgorithm.parse(key.alg());
        JWEEncrypter encrypter = switch (key) {
            case TeePublicKey.Ec ec -> new ECDHEncrypter(ec.publicKey());
            case TeePublicKey.Rsa rsa -> new RSAEncrypter(rsa.publicKey());
        };
        JWEObject jwe = new JWEObject(new JWEHeader(alg, EncryptionMethod.A256GCM), new Payload(plaintext));
        jwe.encrypt(encrypter);
        String[] parts = jwe.serialize().split("\\.", -1);
        return Map.of("protected", parts[0], "encrypted_key", parts[1], "iv", parts[2], "ciphertext", parts[3],
                "tag", parts[4]);
    }

    private static String sessionId(HttpExchange exchange) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String pair : header.split(";")) {
                String[] nameValue = pair.trim().split("=", 2);
                if (nameValue.length == 2 && SessionCookie.NAME.equals(nameValue[0])) {
                    return nameValue[1];
                }
            }
        }
        return null;
    }
}
