package dev.arca.agent.api;

import com.sun.net.httpserver.HttpExchange;
import dev.arca.model.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** One request to the REST API: its query, a bounded body, and the ways to answer it. */
final class ApiExchange {

    static final String OCTETS = "application/octet-stream";
    static final String JSON = "application/json";
    static final String PROBLEM = "application/problem+json";

    private final HttpExchange exchange;
    private final int maxBody;

    ApiExchange(HttpExchange exchange, int maxBody) {
        this.exchange = exchange;
        this.maxBody = maxBody;
    }

    String method() {
        return exchange.getRequestMethod();
    }

    String rawPath() {
        return exchange.getRequestURI().getRawPath();
    }

    /**
     * The query as a map, form-decoded as upstream's server does ({@code +} is a space); the last of repeated keys
     * wins. Malformed percent-escapes are the caller's error.
     */
    Map<String, String> query() throws ApiException {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.put(key, value);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("the query string has a malformed escape");
            }
        }
        return query;
    }

    /** The body, refused with 413 beyond the limit. */
    byte[] body() throws ApiException, IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(maxBody + 1);
            if (body.length > maxBody) {
                throw new ApiException(413, "Content Too Large", "request body exceeds " + maxBody + " bytes");
            }
            return body;
        }
    }

    void send(int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** RFC 9457 problem detail; never a stack trace, never a secret. */
    void problem(int status, String title, String detail) throws IOException {
        ObjectNode problem = Json.MAPPER.createObjectNode();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        send(status, PROBLEM, Json.writeBytes(problem));
    }

    void allow(String methods) {
        exchange.getResponseHeaders().set("Allow", methods);
    }
}
