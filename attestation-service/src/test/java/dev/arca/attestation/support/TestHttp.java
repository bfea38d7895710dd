package dev.arca.attestation.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small real-HTTP client for the tests. */
public final class TestHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What came back. */
    public record Response(int status, String contentType, String body, java.net.http.HttpHeaders headers) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The first value of a response header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final String base;
    /** The KBS's caller token, sent on the internal API unless a request carries its own Authorization. */
    private final java.util.function.Supplier<String> kbsCaller;

    public TestHttp(int port) {
        this(port, null);
    }

    /** A client that acts as Arca's KBS on the internal API (evidence, challenges, policy reads). */
    public TestHttp(int port, java.util.function.Supplier<String> kbsCallerAuthorization) {
        this.base = "http://127.0.0.1:" + port;
        this.kbsCaller = kbsCallerAuthorization;
    }

    public Response get(String path, String... headers) {
        // a policy read is one of the KBS's calls; a policy write is an admin's
        return send(asKbs(request(path, headers), path.startsWith("/policy"), headers).GET());
    }

    public Response postJson(String path, String json, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response post(String path, String contentType, byte[] body, String... headers) {
        return send(request(path, headers).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Without Content-Length: the body goes chunked, so only counting while reading can enforce a limit. */
    public Response postJsonChunked(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(json))));
    }

    public Response delete(String path, String... headers) {
        return send(request(path, headers).DELETE());
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return asKbs(builder, path.startsWith("/attestation") || path.startsWith("/challenge"), headers);
    }

    /** Adds the KBS's caller token to a call of the internal API that carries no Authorization of its own. */
    private HttpRequest.Builder asKbs(HttpRequest.Builder builder, boolean internal, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Authorization")) {
                return builder;
            }
        }
        if (internal && kbsCaller != null) {
            builder.setHeader("Authorization", kbsCaller.get());
        }
        return builder;
    }

    private static Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
