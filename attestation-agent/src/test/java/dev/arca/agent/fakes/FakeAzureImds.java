package dev.arca.agent.fakes;

import com.sun.net.httpserver.HttpServer;
import dev.arca.model.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * FAKE Azure Instance Metadata Service — the two endpoints the vTPM attesters call, answering with what the test
 * gives it: {@code GET /metadata/THIM/amd/certification} (needs {@code Metadata: true}) returns a VCEK
 * PEM, {@code POST /acc/tdquote} returns a real Azure TD quote and records the TDREPORT it was sent.
 */
public final class FakeAzureImds implements AutoCloseable {

    private final HttpServer server;
    private final List<byte[]> tdReports = new ArrayList<>();

    public FakeAzureImds(String vcekPem, byte[] tdQuote) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metadata/THIM/amd/certification", exchange -> {
            try (exchange) {
                boolean metadata = "true".equals(exchange.getRequestHeaders().getFirst("Metadata"));
                byte[] body = metadata ? Json.writeBytes(Map.of("vcekCert", vcekPem, "certificateChain", ""))
                        : "Required metadata header not specified".getBytes();
                exchange.sendResponseHeaders(metadata ? 200 : 400, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.createContext("/acc/tdquote", exchange -> {
            try (exchange) {
                String report = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes()).path("report")
                        .asString("");
                synchronized (tdReports) {
                    tdReports.add(Base64.getUrlDecoder().decode(report));
                }
                byte[] body = Json.writeBytes(Map.of("quote", Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(tdQuote)));
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<byte[]> tdReports() {
        synchronized (tdReports) {
            return List.copyOf(tdReports);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
