package dev.arca.csv.kds;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake of Hygon's KDS on a random local port (the real one is on the internet): {@code GET /hrk} and
 * {@code GET /hsk_cek?snumber=<chip>} answer what the test put there, 404 otherwise; {@link #failWith} makes every
 * answer that status, {@link #stall} makes it hang. Counts requests.
 */
public final class FakeHygonKds implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int failure;
    private volatile long stallMillis;

    public FakeHygonKds() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try (exchange) {
                if (stallMillis > 0) {
                    Thread.sleep(stallMillis);
                }
                String query = exchange.getRequestURI().getRawQuery();
                String key = exchange.getRequestURI().getPath() + (query == null ? "" : "?" + query);
                byte[] body = documents.get(key);
                int status = failure != 0 ? failure : body == null ? 404 : 200;
                if (status != 200) {
                    exchange.sendResponseHeaders(status, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public FakeHygonKds serveHrk(byte[] hrk) {
        documents.put("/hrk", hrk.clone());
        return this;
    }

    public FakeHygonKds serveHskCek(String chipId, byte[] hskCek) {
        documents.put("/hsk_cek?snumber=" + chipId, hskCek.clone());
        return this;
    }

    public void failWith(int status) {
        this.failure = status;
    }

    public void stall(long millis) {
        this.stallMillis = millis;
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
