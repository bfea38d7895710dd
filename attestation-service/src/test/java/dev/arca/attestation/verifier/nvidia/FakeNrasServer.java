package dev.arca.attestation.verifier.nvidia;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A FAKE of NVIDIA's Remote Attestation Service (the real one is on the internet and needs a licence) over real HTTP:
 * {@code POST /v4/attest/gpu} and {@code /switch} answer {@code [["JWT", <overall JWT>], {"GPU-0": <device JWT>}]},
 * both ES384 JWTs signed with this fake's P-384 key (kid {@value #KID}) published at
 * {@code /.well-known/jwks.json}. It does not verify the evidence: the device JWT carries the claims of a GPU NRAS
 * would affirm (every check true, the sent nonce matched) unless a test changes them. Request bodies are recorded.
 */
final class FakeNrasServer implements AutoCloseable {

    static final String KID = "fake-nras-1";

    private final HttpServer server;
    private final ECKey key = generate(KID);
    private final List<String> requests = new CopyOnWriteArrayList<>();

    volatile ECKey signingKey = key;
    volatile int status = 200;
    volatile int jwksStatus = 200;
    volatile boolean nonceMatch = true;
    volatile String overallNonce;
    volatile Instant expiry = Instant.now().plusSeconds(3600);
    volatile long delayMillis;
    volatile String answerOverride;
    volatile Map<String, Object> extraClaims = Map.of();

    private FakeNrasServer(HttpServer server) {
        this.server = server;
    }

    static FakeNrasServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeNrasServer fake = new FakeNrasServer(server);
            server.createContext("/", fake::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI attestUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v4/attest");
    }

    URI jwksUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    static ECKey generate(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_384).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (path.equals("/.well-known/jwks.json")) {
                send(exchange, jwksStatus, new JWKSet(key.toPublicJWK()).toString());
                return;
            }
            requests.add(exchange.getRequestMethod() + " " + path + " " + new String(body, StandardCharsets.UTF_8));
            if (!path.equals("/v4/attest/gpu") && !path.equals("/v4/attest/switch")) {
                send(exchange, 404, "{\"message\":\"not found\"}");
                return;
            }
            if (status != 200) {
                send(exchange, status, "{\"message\":\"fake failure\"}");
                return;
            }
            Map<String, Object> request;
            try {
                request = JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8));
            } catch (ParseException e) {
                send(exchange, 400, "{\"message\":\"not JSON\"}");
                return;
            }
            String type = path.substring(path.lastIndexOf('/') + 1);
            send(exchange, 200, answerOverride != null ? answerOverride : answer(type, (String) request.get("nonce")));
        }
    }

    private String answer(String type, String nonce) {
        Map<String, Object> overall = new LinkedHashMap<>();
        overall.put("x-nvidia-overall-att-result", true);
        overall.put("eat_nonce", overallNonce != null ? overallNonce : nonce);
        Map<String, Object> device = new LinkedHashMap<>();
        if ("gpu".equals(type)) {
            device.put("x-nvidia-gpu-attestation-report-cert-chain",
                    Map.of("x-nvidia-cert-ocsp-status", "good", "x-nvidia-cert-status", "valid"));
            device.put("x-nvidia-gpu-attestation-report-cert-chain-fwid-match", true);
            device.put("x-nvidia-gpu-attestation-report-parsed", true);
            device.put("x-nvidia-gpu-attestation-report-signature-verified", true);
            device.put("x-nvidia-gpu-arch-check", true);
            device.put("x-nvidia-gpu-driver-version", "550.90.07");
            device.put("x-nvidia-gpu-vbios-version", "96.00.9f.00.01");
            device.put("x-nvidia-gpu-vbios-rim-cert-chain",
                    Map.of("x-nvidia-cert-ocsp-status", "good", "x-nvidia-cert-status", "valid"));
            for (String rim : List.of("driver", "vbios")) {
                for (String check : List.of("fetched", "measurements-available", "schema-validated",
                        "signature-verified", "version-match")) {
                    device.put("x-nvidia-gpu-" + rim + "-rim-" + check, true);
                }
            }
            device.put("secboot", true);
            device.put("dbgstat", "disabled");
            device.put("measres", "success");
        }
        device.put("x-nvidia-" + type + "-attestation-report-nonce-match", nonceMatch);
        device.putAll(extraClaims);
        List<Object> answer = List.of(List.of("JWT", sign(overall)), Map.of(type.toUpperCase() + "-0", sign(device)));
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(answer);
    }

    private String sign(Map<String, Object> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer("https://nras.attestation.nvidia.com")
                .issueTime(new Date()).notBeforeTime(new Date(System.currentTimeMillis() - 60_000))
                .expirationTime(Date.from(expiry)).jwtID("fake");
        claims.forEach(builder::claim);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384)
                    .keyID(signingKey.getKeyID()).build(), builder.build());
            jwt.sign(new ECDSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
