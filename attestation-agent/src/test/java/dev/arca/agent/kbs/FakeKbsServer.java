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
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.arca.model.error.ErrorInformation;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Jcs;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.KbsRequest;
import dev.arca.model.kbs.ProtocolVersion;
import dev.arca.model.kbs.TeePublicKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * FAKE KBS — a test double of the Key Broker Service that speaks the protocol as Trustee kbs_attestation_protocol.md
 * describes it, in the version it is set to (0.1.1, 0.2.0, 0.3.0 or 0.4.0): it issues a nonce and a {@code
 * kbs-session-id} cookie, checks the nonce, the message shape of its version, the tee-pubkey and that the sample
 * evidence binds the runtime data as that version defines it (primary and additional devices), signs a token, and
 * returns resources as a JWE encrypted to the guest key (Nimbus RFC 7516 form, or the legacy RSA1_5 form for 0.1.1) —
 * for the session cookie or for a Bearer token it issued. It stands in for the real kbs-service, which the lead tests
 * against elsewhere; it verifies nothing a real AS would beyond the sample evidence binding.
 */
public final class FakeKbsServer implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter COOKIE_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final String TEE_PUBKEY_CLAIM = "/submods/cpu0/ear.veraison.annotated-evidence/runtime_data_claims"
            + "/tee-pubkey";

    private record Session(String nonce, String tee, HashAlgorithm hash, JsonNode teePubkey, String token) {
        Session attested(JsonNode key, String newToken) {
            return new Session(nonce, tee, hash, key, newToken);
        }
    }

    private final HttpServer server;
    private final String scheme;
    private final ECPrivateKey tokenKey;
    private final ECPublicKey tokenPublicKey;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, byte[]> resources = new ConcurrentHashMap<>();
    private final AtomicInteger auths = new AtomicInteger();
    private final AtomicInteger attests = new AtomicInteger();
    private final AtomicInteger resourceRequests = new AtomicInteger();
    private final AtomicInteger bearerRequests = new AtomicInteger();
    private final AtomicInteger failingAuths = new AtomicInteger();

    private volatile ProtocolVersion protocol = ProtocolVersion.V0_4_0;
    private volatile HashAlgorithm selectedHash;
    private volatile boolean alwaysUnauthorized;
    private volatile boolean acceptAnyEvidence;
    private volatile int resourceFailureStatus;
    private volatile ErrorInformation resourceFailure;
    private volatile int authFailureStatus;
    private volatile ErrorInformation authFailure;
    private volatile Duration tokenLifetime = Duration.ofMinutes(5);
    private volatile JsonNode lastAttestation;
    private volatile JsonNode lastAuthRequest;
    private volatile String lastAuthorization;
    private volatile String lastCookie;

    private FakeKbsServer(SSLContext tls) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        var pair = generator.generateKeyPair();
        tokenKey = (ECPrivateKey) pair.getPrivate();
        tokenPublicKey = (ECPublicKey) pair.getPublic();
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            server = HttpServer.create(loopback, 0);
            scheme = "http";
        } else {
            HttpsServer https = HttpsServer.create(loopback, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
            scheme = "https";
        }
        server.createContext("/kbs/v0/auth", exchange -> handle(exchange, this::auth));
        server.createContext("/kbs/v0/attest", exchange -> handle(exchange, this::attest));
        server.createContext("/kbs/v0/resource/", exchange -> handle(exchange, this::resource));
        server.start();
    }

    public static FakeKbsServer start() throws Exception {
        return new FakeKbsServer(null);
    }

    /** The same fake behind TLS with the server key and certificate of {@code tls}. */
    public static FakeKbsServer startHttps(SSLContext tls) throws Exception {
        return new FakeKbsServer(tls);
    }

    public URI url() {
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
    }

    public void putResource(String path, byte[] value) {
        resources.put(path, value.clone());
    }

    /** Speak this protocol version: other versions are refused at /auth, message shapes and JWE follow it. */
    public void protocol(ProtocolVersion version) {
        protocol = version;
    }

    /** Answer the Challenge with {"selected-hash-algorithm": name} instead of "". */
    public void selectHashAlgorithm(HashAlgorithm hash) {
        selectedHash = hash;
    }

    /** Accept evidence of any TEE without checking it (for attesters whose evidence the fake cannot verify). */
    public void acceptAnyEvidence() {
        acceptAnyEvidence = true;
    }

    public void tokenLifetime(Duration lifetime) {
        tokenLifetime = lifetime;
    }

    /** Forget every session, as when the KBS session times out: the next cookie request gets 401. */
    public void expireSessions() {
        sessions.clear();
    }

    /** Answer every resource request with 401, as upstream does for a token it will not accept. */
    public void rejectAllTokens() {
        alwaysUnauthorized = true;
    }

    /** The next {@code count} /auth requests fail with {@code type} (e.g. 503 while the KBS starts). */
    public void failNextAuths(int count, KbsErrorType type) {
        authFailure = ErrorInformation.kbs(type, "temporarily unavailable");
        authFailureStatus = type.status();
        failingAuths.set(count);
    }

    public void failResourcesWith(KbsErrorType type, String detail) {
        resourceFailure = ErrorInformation.kbs(type, detail);
        resourceFailureStatus = type.status();
    }

    public void failAuthWith(KbsErrorType type, String detail) {
        authFailure = ErrorInformation.kbs(type, detail);
        authFailureStatus = type.status();
        failingAuths.set(Integer.MAX_VALUE);
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

    public int bearerRequestCount() {
        return bearerRequests.get();
    }

    /** The last Attestation body the fake accepted or rejected, as JSON. */
    public JsonNode lastAttestation() {
        return lastAttestation;
    }

    public JsonNode lastAuthRequest() {
        return lastAuthRequest;
    }

    /** The Authorization and Cookie headers of the last resource request (null when absent). */
    public String lastAuthorization() {
        return lastAuthorization;
    }

    public String lastCookie() {
        return lastCookie;
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
        if (authFailure != null && failingAuths.getAndDecrement() > 0) {
            return Answer.problem(authFailureStatus, authFailure);
        }
        KbsRequest request = Json.read(body, KbsRequest.class);
        if (!protocol.version().equals(request.version())) {
            return Answer.problem(KbsErrorType.ProtocolVersionMismatch, "KBS Client Protocol Version Mismatch: expect ="
                    + protocol.version() + " while the request is " + request.version());
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
        JsonNode attestation = Json.MAPPER.readTree(body);
        lastAttestation = attestation;
        JsonNode teePubkey;
        JsonNode primary;
        String additional;
        // Message shapes per version (Trustee kbs_attestation_protocol.md; older Trustee KBS protocol versions).
        if (protocol.runtimeDataMember()) {
            if (attestation.has("tee-pubkey")) {
                return Answer.problem(KbsErrorType.AttestationError, "0.4.0 has no top-level tee-pubkey");
            }
            JsonNode runtimeData = attestation.path("runtime-data");
            if (!session.nonce().equals(runtimeData.path("nonce").asString(null))) {
                return Answer.problem(KbsErrorType.AttestationError, "RCAR handshake Attest failed: nonce mismatch");
            }
            teePubkey = runtimeData.get("tee-pubkey");
        } else {
            if (attestation.has("runtime-data") || attestation.has("init-data")) {
                return Answer.problem(KbsErrorType.AttestationError, protocol + " has no runtime-data/init-data");
            }
            teePubkey = attestation.get("tee-pubkey");
        }
        JsonNode teeEvidence = attestation.get("tee-evidence");
        if (protocol.compositeEvidence()) {
            primary = teeEvidence.get("primary_evidence");
            additional = teeEvidence.path("additional_evidence").asString("");
        } else {
            if (teeEvidence.has("primary_evidence")) {
                return Answer.problem(KbsErrorType.AttestationError, protocol + " has no composite evidence");
            }
            primary = teeEvidence;
            additional = "";
        }
        TeePublicKey key = TeePublicKey.parse(teePubkey);
        if (protocol.legacyJwe() && !(key instanceof TeePublicKey.Rsa rsa && "RSA1_5".equals(rsa.alg()))) {
            return Answer.problem(KbsErrorType.AttestationError, "protocol " + protocol + " needs an RSA1_5 key");
        }

        // Independent re-computation of the binding the AS checks (Trustee kbs_attestation_protocol.md; older Trustee
        // KBS protocol versions).
        String mismatch = null;
        if (!acceptAnyEvidence) {
            ObjectNode deviceRuntime = Json.MAPPER.createObjectNode();
            deviceRuntime.put("nonce", session.nonce());
            deviceRuntime.set("tee-pubkey", teePubkey);
            byte[] deviceDigest = session.hash().digest(Jcs.canonicalize(deviceRuntime));
            byte[] primaryDigest = deviceDigest;
            if (protocol.compositeEvidence()) {
                ObjectNode primaryRuntime = Json.MAPPER.createObjectNode();
                primaryRuntime.set("tee-pubkey", teePubkey);
                primaryRuntime.put("nonce", session.nonce());
                primaryRuntime.put("additional-evidence", additional);
                primaryDigest = session.hash().digest(Jcs.canonicalize(primaryRuntime));
            }
            mismatch = sampleMismatch(primary, "1", primaryDigest);
            if (mismatch == null && !additional.isEmpty()) {
                for (Map.Entry<String, JsonNode> device : Json.MAPPER.readTree(additional).properties()) {
                    mismatch = "sampledevice".equals(device.getKey())
                            ? sampleMismatch(device.getValue(), "2", deviceDigest)
                            : "unexpected device " + device.getKey();
                    if (mismatch != null) {
                        break;
                    }
                }
            }
        }
        if (mismatch != null) {
            return Answer.problem(KbsErrorType.AttestationError, "RCAR handshake Attest failed: " + mismatch);
        }
        String token = token(session, primary, teePubkey);
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

    private String token(Session session, JsonNode primaryEvidence, JsonNode teePubkey) throws JOSEException {
        ObjectNode runtimeClaims = Json.MAPPER.createObjectNode();
        runtimeClaims.put("nonce", session.nonce());
        runtimeClaims.set("tee-pubkey", teePubkey);
        ObjectNode annotated = Json.MAPPER.createObjectNode();
        annotated.set(session.tee(), primaryEvidence);
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
                .expirationTime(Date.from(now.plus(tokenLifetime)))
                .claim("submods", Json.MAPPER.convertValue(submods, Map.class))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), claims);
        jwt.sign(new ECDSASigner(tokenKey));
        return jwt.serialize();
    }

    private Answer resource(HttpExchange exchange, byte[] body) throws Exception {
        resourceRequests.incrementAndGet();
        lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
        lastCookie = exchange.getRequestHeaders().getFirst("Cookie");
        if (alwaysUnauthorized) {
            return Answer.problem(KbsErrorType.TokenVerifierError, "Token Verifier error");
        }
        // Token source precedence of Trustee attestation_token_verification.md: an attested cookie session, else a
        // Bearer token.
        String id = sessionId(exchange);
        Session session = id == null ? null : sessions.get(id);
        JsonNode teePubkey;
        boolean bearer = false;
        if (session != null && session.token() != null) {
            teePubkey = session.teePubkey();
        } else if (lastAuthorization != null && lastAuthorization.startsWith("Bearer ")) {
            bearerRequests.incrementAndGet();
            bearer = true;
            teePubkey = verifiedTeePubkey(lastAuthorization.substring("Bearer ".length()));
            if (teePubkey == null) {
                return Answer.problem(KbsErrorType.TokenVerifierError, "Token Verifier error");
            }
        } else {
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
        TeePublicKey key = TeePublicKey.parse(teePubkey);
        // as an Arca KBS with RSA1_5 allowed: a bearer token's RSA1_5 key gets the 0.1.x layout too
        boolean legacy = protocol.legacyJwe() || bearer
                && key instanceof TeePublicKey.Rsa rsa && "RSA1_5".equals(rsa.alg());
        return Answer.json(legacy ? legacyEncrypt((TeePublicKey.Rsa) key, value) : encrypt(key, value));
    }

    /** The tee-pubkey of a token this fake signed and that has not expired; null otherwise. */
    private JsonNode verifiedTeePubkey(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!jwt.verify(new ECDSAVerifier(tokenPublicKey))
                    || jwt.getJWTClaimsSet().getExpirationTime().toInstant().isBefore(Instant.now())) {
                return null;
            }
            JsonNode key = Json.MAPPER.valueToTree(jwt.getJWTClaimsSet().toJSONObject()).at(TEE_PUBKEY_CLAIM);
            return key.isMissingNode() ? null : key;
        } catch (Exception e) {
            return null;
        }
    }

    /** Flattened JWE (Trustee kbs_attestation_protocol.md) built by Nimbus, as a real KBS would build it. */
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

    /**
     * The legacy form of the Trustee KBS protocol before 0.2.0: raw JSON protected header, RSA1_5-wrapped CEK,
     * AES-256-GCM without AAD, tag appended to the ciphertext, empty {@code tag}.
     */
    static Map<String, String> legacyEncrypt(TeePublicKey.Rsa key, byte[] plaintext) throws Exception {
        byte[] cek = new byte[32];
        byte[] iv = new byte[12];
        RANDOM.nextBytes(cek);
        RANDOM.nextBytes(iv);
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.ENCRYPT_MODE, key.publicKey());
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, iv));
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return Map.of("protected", "{\"alg\":\"RSA1_5\",\"enc\":\"A256GCM\"}",
                "encrypted_key", url.encodeToString(rsa.doFinal(cek)), "iv", url.encodeToString(iv),
                "ciphertext", url.encodeToString(gcm.doFinal(plaintext)), "tag", "");
    }

    private static String sessionId(HttpExchange exchange) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
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
