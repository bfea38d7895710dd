package dev.arca.attestation.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test double for the separate RVPS process: a real HTTP server on a random local port that answers
 * {@code GET /reference-values/{name}} like rvps-service does (docs/architecture.md "rvps-service"): 200 with
 * {@code {version, name, expiration, value}} or a 404 problem. It can be switched to answer 503 to play an RVPS
 * that is down, and counts queries so cache behaviour can be observed.
 */
public final class StubRvpsServer implements AutoCloseable {

    private static final String PREFIX = "/reference-values/";

    private final HttpServer server;
    private final Map<String, String> valuesJson = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> queries = new ConcurrentHashMap<>();
    private volatile boolean available = true;
    private volatile long delayMillis;
    private volatile String requiredToken;

    private StubRvpsServer(HttpServer server) {
        this.server = server;
    }

    public static StubRvpsServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            StubRvpsServer stub = new StubRvpsServer(server);
            server.createContext(PREFIX, stub::handle);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Registers a reference value; {@code valueJson} is the JSON text of its value. */
    public void put(String name, String valueJson) {
        valuesJson.put(name, valueJson);
    }

    public void remove(String name) {
        valuesJson.remove(name);
    }

    public void setAvailable(boolean available) {
        this.available = available;
    }

    /** From now on only requests with {@code Authorization: Bearer <token>} are answered (401 otherwise). */
    public void requireToken(String token) {
        this.requiredToken = token;
    }

    public void setDelayMillis(long delayMillis) {
        this.delayMillis = delayMillis;
    }

    public int queries(String name) {
        AtomicInteger count = queries.get(name);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String name = URLDecoder.decode(exchange.getRequestURI().getRawPath().substring(PREFIX.length()),
                    StandardCharsets.UTF_8);
            queries.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            pause();
            if (!"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "{\"title\":\"Method not allowed\",\"status\":405}");
            } else if (requiredToken != null && !("Bearer " + requiredToken).equals(
                    exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{\"title\":\"Unauthorized\",\"status\":401}");
            } else if (!available) {
                respond(exchange, 503, "{\"title\":\"Service unavailable\",\"status\":503}");
            } else if (!valuesJson.containsKey(name)) {
                respond(exchange, 404, "{\"title\":\"Not found\",\"status\":404,\"detail\":\"no reference value\"}");
            } else {
                respond(exchange, 200, "{\"version\":\"0.1.0\",\"name\":\"" + name
                        + "\",\"expiration\":\"2099-01-01T00:00:00Z\",\"value\":" + valuesJson.get(name) + "}");
            }
        }
    }

    private void pause() {
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type",
                status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
