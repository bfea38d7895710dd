package dev.arca.deploy.helm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A fake of the Kubernetes API server (no cluster can run here), answering only what Helm's {@code lookup} asks:
 * the discovery document of {@code v1} and {@code GET} of one Secret. helm-java's template renders with
 * "interact with remote" on, so the chart's lookups reach a server; this one lets a test decide whether the Secret
 * of a previous install exists, i.e. render an install or an upgrade.
 */
final class FakeKubernetesApi implements AutoCloseable {

    private static final Pattern SECRET = Pattern.compile("/api/v1/namespaces/([^/]+)/secrets/([^/]+)");
    private static final String DISCOVERY = """
            {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[
             {"name":"secrets","singularName":"secret","namespaced":true,"kind":"Secret","verbs":["get","list"]}]}""";

    private final HttpServer server;
    private final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    FakeKubernetesApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    /** Writes a kubeconfig whose only cluster is this server. */
    void writeKubeconfig(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: fake
                    cluster:
                      server: http://127.0.0.1:%d
                users:
                  - name: fake
                    user:
                      token: not-a-real-token
                contexts:
                  - name: fake
                    context:
                      cluster: fake
                      user: fake
                current-context: fake
                """.formatted(server.getAddress().getPort()));
    }

    /** Makes a Secret exist, with its data already base64-encoded as the API returns it. */
    void putSecret(String namespace, String name, Map<String, String> base64Data) {
        secrets.put(namespace + "/" + name, Map.copyOf(base64Data));
    }

    void clear() {
        secrets.clear();
        requests.clear();
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + path);
        Matcher secret = SECRET.matcher(path);
        if (!"GET".equals(exchange.getRequestMethod())) {
            send(exchange, 405, status(405, "MethodNotAllowed", "the fake API only reads"));
        } else if (path.equals("/api/v1")) {
            send(exchange, 200, DISCOVERY);
        } else if (secret.matches() && secrets.containsKey(secret.group(1) + "/" + secret.group(2))) {
            send(exchange, 200, secretJson(secret.group(1), secret.group(2),
                    secrets.get(secret.group(1) + "/" + secret.group(2))));
        } else {
            send(exchange, 404, status(404, "NotFound", path + " not found"));
        }
    }

    private static String secretJson(String namespace, String name, Map<String, String> data) {
        String entries = data.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(","));
        return """
                {"kind":"Secret","apiVersion":"v1","metadata":{"name":"%s","namespace":"%s"},"type":"Opaque",\
                "data":{%s}}""".formatted(name, namespace, entries);
    }

    private static String status(int code, String reason, String message) {
        return """
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"%s","reason":"%s",\
                "code":%d}""".formatted(message, reason, code);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
