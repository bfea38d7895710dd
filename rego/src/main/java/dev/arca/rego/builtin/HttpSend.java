package dev.arca.rego.builtin;

import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.Json;
import dev.arca.rego.value.NullValue;
import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.ObjectValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code http.send} as OPA documents it, for embedders that enable it: only to hosts on an allow-list, with a timeout
 * and a cap on the response size; the request and response objects have OPA's shapes ({@code method}, {@code url},
 * {@code headers}, {@code body}, {@code raw_body}, {@code raise_error}, {@code timeout}; {@code status},
 * {@code status_code}, {@code headers}, {@code body}, {@code raw_body}). Redirects are not followed unless the request
 * asks ({@code enable_redirect}), and then only within the allow-list (the client checks every hop's host).
 */
public final class HttpSend {
    private static final Set<String> KEYS = Set.of("method", "url", "headers", "body", "raw_body", "raise_error",
            "timeout", "enable_redirect", "force_json_decode", "cache", "force_cache", "force_cache_duration_seconds");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final Set<String> allowedHosts;
    private final Duration timeout;
    private final int maxResponseBytes;
    private final HttpClient client;

    /**
     * @param allowedHosts host names (lower case) or {@code host:port} a policy may call; nothing else is reachable
     * @param timeout the longest a request may take (a request's own {@code timeout} may only shorten it)
     * @param maxResponseBytes responses longer than this fail the call
     */
    public HttpSend(Set<String> allowedHosts, Duration timeout, int maxResponseBytes) {
        this.allowedHosts = Set.copyOf(allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
        this.timeout = Objects.requireNonNull(timeout);
        if (timeout.isNegative() || timeout.isZero() || maxResponseBytes <= 0) {
            throw new IllegalArgumentException("timeout and maxResponseBytes must be positive");
        }
        this.maxResponseBytes = maxResponseBytes;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static void register(Builtins.Registry r) {
        r.add("http.send", 1, (a, cx) -> {
            ObjectValue request = Args.object(a, 0);
            // a malformed request is the policy's error whether or not the embedder enabled http.send, as in OPA
            checkParameters(request);
            HttpSend http = cx.environment().http();
            if (http == null) {
                throw BuiltinException.failed("http.send is not enabled in this engine");
            }
            // the same request gives the same response within one query, as OPA caches it
            return cx.queryCache().computeIfAbsent(new ArrayValue(List.of(new StringValue("http.send"), request)),
                    k -> http.send(request, Duration.ofNanos(cx.remainingNanos().getAsLong())));
        });
    }

    /** Unknown keys and a missing {@code method} or {@code url} are type errors, with OPA's messages. */
    private static void checkParameters(ObjectValue request) {
        var invalid = new java.util.TreeSet<String>();
        for (Value k : request.entries().keySet()) {
            if (!(k instanceof StringValue s) || !KEYS.contains(s.value())) {
                invalid.add(Json.write(k));
            }
        }
        if (!invalid.isEmpty()) {
            throw BuiltinException.type("invalid request parameters(s): {" + String.join(", ", invalid) + "}");
        }
        var missing = new java.util.TreeSet<String>();
        for (String required : List.of("method", "url")) {
            if (request.get(required) == null) {
                missing.add(Json.write(new StringValue(required)));
            }
        }
        if (!missing.isEmpty()) {
            throw BuiltinException.type("missing required request parameters(s): {" + String.join(", ", missing) + "}");
        }
    }

    Value send(ObjectValue request, Duration left) {
        boolean raiseError = !(request.get("raise_error") instanceof BoolValue b) || b.value();
        String method = text(request, "method").toUpperCase(Locale.ROOT);
        String url = text(request, "url");
        if (!METHODS.contains(method)) {
            throw BuiltinException.failed("unsupported method " + method);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw BuiltinException.failed("invalid url");
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw BuiltinException.failed("url must be absolute http or https");
        }
        // the allow-list is enforced whatever raise_error says: a policy cannot probe other hosts
        if (!allowed(uri)) {
            throw BuiltinException.failed("host " + uri.getHost() + " is not allowed");
        }
        try {
            if (left.isZero()) {
                throw BuiltinException.failed("no time left before the evaluation deadline");
            }
            return exchange(request, method, uri, raiseError, left, 0);
        } catch (IOException e) {
            return networkError(raiseError, "request failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return networkError(raiseError, "request interrupted");
        }
    }

    private Value exchange(ObjectValue request, String method, URI uri, boolean raiseError, Duration left, int hops)
            throws IOException, InterruptedException {
        Duration wait = requestTimeout(request);
        var builder = HttpRequest.newBuilder(uri).timeout(wait.compareTo(left) < 0 ? wait : left);
        if (request.get("headers") instanceof ObjectValue headers) {
            headers.entries().forEach((k, v) -> {
                if (!(k instanceof StringValue name) || !(v instanceof StringValue value)) {
                    throw BuiltinException.failed("headers must be an object of strings");
                }
                try {
                    builder.header(name.value(), value.value());
                } catch (IllegalArgumentException e) {
                    throw BuiltinException.failed("header " + name.value() + " is not allowed");
                }
            });
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if (request.get("raw_body") instanceof StringValue raw) {
            body = HttpRequest.BodyPublishers.ofString(raw.value());
        } else if (request.get("body") != null) {
            body = HttpRequest.BodyPublishers.ofString(Json.write(request.get("body")));
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(builder.method(method, body).build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.net.http.HttpTimeoutException e) {
            return networkError(raiseError, "request timed out");
        }
        boolean redirect = request.get("enable_redirect") instanceof BoolValue b && b.value();
        int status = response.statusCode();
        if (redirect && status / 100 == 3 && hops < 10) {
            var location = response.headers().firstValue("location");
            response.body().close();
            if (location.isPresent()) {
                URI next = uri.resolve(location.get());
                if (!allowed(next)) {
                    throw BuiltinException.failed("redirect to host " + next.getHost() + " is not allowed");
                }
                return exchange(request, status == 303 ? "GET" : method, next, raiseError, left, hops + 1);
            }
        }
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = in.readNBytes(maxResponseBytes + 1);
        }
        if (bytes.length > maxResponseBytes) {
            throw BuiltinException.failed("response larger than " + maxResponseBytes + " bytes");
        }
        return responseValue(response, new String(bytes, StandardCharsets.UTF_8),
                request.get("force_json_decode") instanceof BoolValue f && f.value());
    }

    private static Value responseValue(HttpResponse<?> response, String raw, boolean forceJson) {
        var headers = new TreeMap<Value, Value>();
        for (Map.Entry<String, List<String>> h : response.headers().map().entrySet()) {
            if (h.getKey().startsWith(":")) {
                continue;
            }
            var values = new ArrayList<Value>();
            h.getValue().forEach(v -> values.add(new StringValue(v)));
            headers.put(new StringValue(h.getKey().toLowerCase(Locale.ROOT)), new ArrayValue(values));
        }
        String type = response.headers().firstValue("content-type").orElse("");
        Value body = NullValue.NULL;
        if (forceJson || type.toLowerCase(Locale.ROOT).contains("json")) {
            try {
                body = Json.parse(raw);
            } catch (IllegalArgumentException e) {
                body = NullValue.NULL;
            }
        }
        int status = response.statusCode();
        var out = new TreeMap<Value, Value>();
        out.put(new StringValue("status"), new StringValue((status + " " + reason(status)).strip()));
        out.put(new StringValue("status_code"), NumberValue.of(status));
        out.put(new StringValue("headers"), new ObjectValue(headers));
        out.put(new StringValue("body"), body);
        out.put(new StringValue("raw_body"), new StringValue(raw));
        return new ObjectValue(out);
    }

    private static Value networkError(boolean raiseError, String message) {
        if (raiseError) {
            throw BuiltinException.failed(message);
        }
        var error = new TreeMap<Value, Value>();
        error.put(new StringValue("code"), new StringValue("eval_http_send_network_error"));
        error.put(new StringValue("message"), new StringValue(message));
        var out = new TreeMap<Value, Value>();
        out.put(new StringValue("status_code"), NumberValue.of(0));
        out.put(new StringValue("error"), new ObjectValue(error));
        return new ObjectValue(out);
    }

    private boolean allowed(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return allowedHosts.contains(host) || (uri.getPort() >= 0 && allowedHosts.contains(host + ":" + uri.getPort()));
    }

    /** The request's {@code timeout} (Go duration text or nanoseconds), never longer than the embedder's. */
    private Duration requestTimeout(ObjectValue request) {
        Value t = request.get("timeout");
        Duration asked = switch (t) {
            case null -> timeout;
            case NumberValue n -> Duration.ofNanos(n.value().min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue());
            case StringValue s -> Duration.ofNanos(TimeBuiltins.duration(s.value()).longValue());
            default -> throw BuiltinException.failed("timeout must be a duration string or nanoseconds");
        };
        return asked.isNegative() || asked.isZero() || asked.compareTo(timeout) > 0 ? timeout : asked;
    }

    private static String text(ObjectValue request, String key) {
        if (request.get(key) instanceof StringValue s) {
            return s.value();
        }
        throw BuiltinException.failed("missing or non-string request parameter " + key);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "";
        };
    }
}
