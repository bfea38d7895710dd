package dev.arca.attestation.collateral;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fake of a vendor's collateral service (Intel PCS, AMD KDS: the internet, which tests cannot reach): a real HTTP
 * server on a random local port answering {@code GET /collateral/{key}} with the document registered for the key,
 * 404 when there is none, 503 while "down", after an optional delay. It counts requests per key, so tests see how
 * often the provider really fetched.
 */
final class FakeCollateralSource implements AutoCloseable {

    private static final String PREFIX = "/collateral/";

    private final HttpServer server;
    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private volatile boolean down;
    private volatile long delayMillis;

    private FakeCollateralSource(HttpServer server) {
        this.server = server;
    }

    static FakeCollateralSource start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeCollateralSource fake = new FakeCollateralSource(server);
            server.createContext(PREFIX, fake::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI url(String key) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PREFIX + key);
    }

    void put(String key, String document) {
        documents.put(key, document);
    }

    void setDown(boolean down) {
        this.down = down;
    }

    void setDelayMillis(long delayMillis) {
        this.delayMillis = delayMillis;
    }

    int requests(String key) {
        AtomicInteger count = requests.get(key);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String key = exchange.getRequestURI().getPath().substring(PREFIX.length());
            requests.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            String document = documents.get(key);
            if (down) {
                respond(exchange, 503, "down");
            } else if (document == null) {
                respond(exchange, 404, "no such collateral");
            } else {
                respond(exchange, 200, document);
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
