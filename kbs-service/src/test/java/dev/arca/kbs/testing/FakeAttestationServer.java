package dev.arca.kbs.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.arca.model.as.AttestationRequest;
import dev.arca.model.as.VerificationRequest;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Json;
import dev.arca.model.json.ReportData;
import dev.arca.model.tee.Tee;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * A test double of the attestation service (and, on {@code /reference-values}, of the RVPS), because the real TEE
 * verifiers need hardware evidence. It does what matters to the KBS for real: it checks that sample evidence's
 * report_data equals H(JCS(runtime data)) with the requested hash, and signs ES256 EAR tokens whose key it publishes
 * at a JWKS endpoint. The real AS is exercised by the cross-service integration tests.
 */
public final class FakeAttestationServer implements AutoCloseable {

    /** A call the double received, with the Authorization header it carried. */
    public record Recorded(String path, String authorization, String body) {
    }

    private final HttpServer server;
    private final ECKey signingKey;
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final List<AttestationRequest> attestations = new CopyOnWriteArrayList<>();
    private final List<Recorded> adminCalls = new CopyOnWriteArrayList<>();
    private volatile List<ECKey> published;
    private volatile String earStatus = "affirming";
    private volatile int policyStatus = 204;
    private volatile String policyBody = "";

    public FakeAttestationServer() {
        try {
            signingKey = newKey();
            published = List.of(signingKey);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/attestation", this::attestation);
        server.createContext("/.well-known/jwks.json", this::jwks);
        server.createContext("/policy", exchange -> record(exchange, policyStatus, policyBody));
        server.createContext("/reference-values", this::referenceValues);
        server.start();
    }

    public static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public ECKey signingKey() {
        return signingKey;
    }

    public void publish(List<ECKey> keys) {
        published = List.copyOf(keys);
    }

    public void earStatus(String status) {
        earStatus = status;
    }

    public void policyAnswer(int status, String body) {
        policyStatus = status;
        policyBody = body;
    }

    public int jwksFetches() {
        return jwksFetches.get();
    }

    public List<AttestationRequest> attestations() {
        return List.copyOf(attestations);
    }

    public List<Recorded> adminCalls() {
        return List.copyOf(adminCalls);
    }

    /** Signs claims as the AS would (header alg ES256, typ JWT, kid, jwk). */
    public static String sign(Map<String, Object> claims, ECKey key) {
        try {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                    .keyID(key.getKeyID()).jwk(key.toPublicJWK()).build();
            SignedJWT jwt = new SignedJWT(header, JWTClaimsSet.parse(Json.write(claims)));
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** EAR claims for one cpu0 submod with the given annotated evidence, valid from {@code iat} for {@code life}. */
    public static Map<String, Object> earClaims(Map<String, Object> submods, Instant iat, Duration life) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("eat_profile", "tag:github.com,2024:confidential-containers/Trustee");
        claims.put("iat", iat.getEpochSecond());
        claims.put("ear.verifier-id", Map.of("developer", "https://arca.dev", "build", "fake-as"));
        claims.put("submods", submods);
        claims.put("exp", iat.plus(life).getEpochSecond());
        claims.put("iss", "fake-attestation-service");
        return claims;
    }

    public static Map<String, Object> submod(String status, Map<String, Object> annotatedEvidence) {
        Map<String, Object> submod = new LinkedHashMap<>();
        submod.put("ear.status", status);
        submod.put("ear.trustworthiness-vector", Map.of("instance-identity", 2, "hardware", 2, "executables", 3));
        submod.put("ear.appraisal-policy-id", "default");
        submod.put("ear.veraison.annotated-evidence", annotatedEvidence);
        return submod;
    }

    private void attestation(HttpExchange exchange) throws IOException {
        try (exchange) {
            AttestationRequest request = Json.read(exchange.getRequestBody().readAllBytes(), AttestationRequest.class);
            attestations.add(request);
            Map<String, Object> submods = new LinkedHashMap<>();
            Map<String, Integer> counters = new HashMap<>();
            for (VerificationRequest device : request.verificationRequests()) {
                Tee tee = Tee.fromWire(device.tee()).orElse(null);
                if (tee != Tee.SAMPLE && tee != Tee.SAMPLE_DEVICE) {
                    reply(exchange, 400, "application/problem+json",
                            "{\"detail\":\"the fake AS verifies sample evidence only, not " + device.tee() + "\"}");
                    return;
                }
                JsonNode evidence = Json.tree(new String(Base64s.fromUrl(device.evidence()), StandardCharsets.UTF_8));
                HashAlgorithm hash = HashAlgorithm.fromWire(device.runtimeDataHashAlgorithm()).orElseThrow();
                JsonNode runtimeData = device.runtimeData().structured();
                byte[] expected = ReportData.digest(runtimeData, hash);
                byte[] reported = Base64s.fromStd(evidence.path("report_data").asString(""));
                if (!Arrays.equals(expected, reported)) {
                    reply(exchange, 400, "application/problem+json",
                            "{\"detail\":\"sample report_data does not match the runtime data\"}");
                    return;
                }
                Map<String, Object> annotated = new LinkedHashMap<>();
                annotated.put(tee.wireName(), Map.of("svn", evidence.path("svn").asString(""),
                        "launch_digest", "abcde", "debug", false));
                annotated.put("report_data", evidence.path("report_data").asString());
                annotated.put("runtime_data_claims", Json.convert(runtimeData, Map.class));
                if (device.initData() != null) {
                    annotated.put("init_data", Base64s.std(hash.digest(
                            device.initData().toml().getBytes(StandardCharsets.UTF_8))));
                }
                int index = counters.merge(tee.deviceClass(), 1, Integer::sum) - 1;
                submods.put(tee.deviceClass() + index, submod(earStatus, annotated));
            }
            String token = sign(earClaims(submods, Instant.now(), Duration.ofMinutes(5)), signingKey);
            reply(exchange, 200, "text/plain", token);
        } catch (RuntimeException e) {
            reply(exchange, 400, "text/plain", "bad request: " + e.getMessage());
        }
    }

    private void jwks(HttpExchange exchange) throws IOException {
        try (exchange) {
            jwksFetches.incrementAndGet();
            List<com.nimbusds.jose.jwk.JWK> keys = new ArrayList<>(published.stream().map(ECKey::toPublicJWK).toList());
            reply(exchange, 200, "application/json", new JWKSet(keys).toString());
        }
    }

    /** The RVPS: registration answers 201; GET knows the one value {@code svn} and the list holds only it. */
    private void referenceValues(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            record(exchange, 201, "{\"registered\":[\"svn\"]}");
            return;
        }
        String path = exchange.getRequestURI().getRawPath();
        if (path.equals("/reference-values")) {
            record(exchange, 200, "{\"svn\":" + SVN + "}");
        } else if (path.equals("/reference-values/svn")) {
            record(exchange, 200, SVN);
        } else {
            record(exchange, 404, "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                    + "\"detail\":\"no reference value named that\"}");
        }
    }

    /** The one reference value the fake RVPS holds, in the RVPS's read shape. */
    public static final String SVN = "{\"version\":\"0.1.0\",\"name\":\"svn\","
            + "\"expiration\":\"2030-01-01T00:00:00Z\",\"value\":[\"1\"]}";

    private void record(HttpExchange exchange, int status, String body) throws IOException {
        try (exchange) {
            adminCalls.add(new Recorded(exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            reply(exchange, status, status >= 400 ? "application/problem+json" : "application/json", body);
        }
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (bytes.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        if (!closed.getAndSet(true)) {
            server.stop(0);
        }
    }
}
