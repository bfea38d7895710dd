package dev.arca.attestation.verifier.snp;

import com.sun.net.httpserver.HttpServer;
import dev.arca.snp.kds.KdsRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A FAKE of AMD's Key Distribution Service over real HTTP (the real one is on the internet): documents by KDS path and
 * query, 404 for anything else, every request recorded.
 */
final class FakeAmdKds implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private FakeAmdKds(HttpServer server) {
        this.server = server;
    }

    static FakeAmdKds start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeAmdKds kds = new FakeAmdKds(server);
            server.createContext("/", exchange -> {
                String target = exchange.getRequestURI().toString();
                kds.requests.add(target);
                byte[] body = kds.documents.get(target);
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
            server.start();
            return kds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FakeAmdKds serve(KdsRequest request, byte[] document) {
        documents.put(request.path(), document.clone());
        return this;
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
