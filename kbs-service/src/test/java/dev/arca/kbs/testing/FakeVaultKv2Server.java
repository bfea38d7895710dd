package dev.arca.kbs.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.arca.model.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * A FAKE HashiCorp Vault for tests, because no Vault can be run on this machine (the real one is exercised by
 * VaultSecretBackendContainerTest where Docker exists). An in-process HTTP server speaking the REST shapes of Vault's
 * KV version 2 engine on one mount (read, write, LIST, metadata read and delete) and of the token, AppRole and
 * Kubernetes logins (Vault API docs: secret/kv/kv-v2, auth/approle, auth/kubernetes). Every KV call needs a token it
 * knows. It can be sealed (503) or made slow, to test how the KBS answers an unavailable store.
 */
public final class FakeVaultKv2Server implements AutoCloseable {

    public static final String ROOT_TOKEN = "fake-root-token";
    public static final String ROLE_ID = "arca-kbs-role";
    public static final String SECRET_ID = "fake-secret-id";
    public static final String KUBERNETES_ROLE = "arca-kbs";
    public static final String SERVICE_ACCOUNT_JWT = "fake.service-account.jwt";

    private record Entry(Map<String, Object> data, Instant created, Instant updated, int version) {
    }

    private final HttpServer server;
    private final String mount;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger logins = new AtomicInteger();
    private volatile boolean sealed;
    private volatile Duration delay = Duration.ZERO;

    public FakeVaultKv2Server(String mount) {
        this.mount = mount;
        tokens.add(ROOT_TOKEN);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** 503 "Vault is sealed" to every call while set. */
    public void sealed(boolean sealed) {
        this.sealed = sealed;
    }

    /** Answers every call this late (for the KBS's read timeout). */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    /** How many AppRole or Kubernetes logins succeeded. */
    public int logins() {
        return logins.get();
    }

    /** Stores a KV entry directly, as {@code vault kv put} would. */
    public void putRaw(String path, Map<String, Object> data) {
        Instant now = Instant.now();
        entries.merge(path, new Entry(data, now, now, 1),
                (old, fresh) -> new Entry(data, old.created(), now, old.version() + 1));
    }

    /** The stored KV data of a path, or null. */
    public Map<String, Object> raw(String path) {
        Entry entry = entries.get(path);
        return entry == null ? null : entry.data();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!delay.isZero()) {
                Thread.sleep(delay);
            }
            if (sealed) {
                send(exchange, 503, Map.of("errors", List.of("Vault is sealed")));
                return;
            }
            String path = exchange.getRequestURI().getPath().substring("/v1/".length());
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.startsWith("auth/approle/login")) {
                JsonNode login = Json.tree(new String(body, StandardCharsets.UTF_8));
                boolean ok = ROLE_ID.equals(login.path("role_id").asString())
                        && SECRET_ID.equals(login.path("secret_id").asString());
                login(exchange, ok);
                return;
            }
            if (path.startsWith("auth/kubernetes/login")) {
                JsonNode login = Json.tree(new String(body, StandardCharsets.UTF_8));
                boolean ok = KUBERNETES_ROLE.equals(login.path("role").asString())
                        && SERVICE_ACCOUNT_JWT.equals(login.path("jwt").asString());
                login(exchange, ok);
                return;
            }
            String token = exchange.getRequestHeaders().getFirst("X-Vault-Token");
            if (token == null || !tokens.contains(token)) {
                send(exchange, 403, Map.of("errors", List.of("permission denied")));
                return;
            }
            if (path.startsWith("auth/token/")) {
                token(exchange, path, token);
                return;
            }
            if (path.startsWith(mount + "/data/")) {
                data(exchange, method, path.substring((mount + "/data/").length()), body);
            } else if (path.startsWith(mount + "/metadata")) {
                String key = path.length() > (mount + "/metadata").length()
                        ? path.substring((mount + "/metadata/").length()) : "";
                boolean list = "LIST".equals(method) || "list=true".equals(exchange.getRequestURI().getQuery());
                metadata(exchange, list ? "LIST" : method, key);
            } else {
                send(exchange, 404, Map.of("errors", List.of("no handler for route '" + path + "'")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void login(HttpExchange exchange, boolean ok) throws IOException {
        if (!ok) {
            send(exchange, 400, Map.of("errors", List.of("invalid role or secret ID")));
            return;
        }
        String token = "fake-login-" + UUID.randomUUID();
        tokens.add(token);
        logins.incrementAndGet();
        send(exchange, 200, Map.of("auth", Map.of("client_token", token, "accessor", "fake-accessor",
                "policies", List.of("default", "arca-kbs"), "token_policies", List.of("default", "arca-kbs"),
                "metadata", Map.of(), "lease_duration", 3600, "renewable", true)));
    }

    private void token(HttpExchange exchange, String path, String token) throws IOException {
        if (path.endsWith("revoke-self")) {
            tokens.remove(token);
            send(exchange, 204, null);
        } else if (path.endsWith("renew-self")) {
            send(exchange, 200, Map.of("auth", Map.of("client_token", token, "lease_duration", 3600,
                    "renewable", true)));
        } else {
            send(exchange, 200, Map.of("data", Map.of("id", token, "ttl", 3600, "renewable", true)));
        }
    }

    @SuppressWarnings("unchecked")
    private void data(HttpExchange exchange, String method, String key, byte[] body) throws IOException {
        switch (method) {
            case "GET" -> {
                Entry entry = entries.get(key);
                if (entry == null) {
                    send(exchange, 404, Map.of("errors", List.of()));
                    return;
                }
                send(exchange, 200, Map.of("data", Map.of("data", entry.data(), "metadata", version(entry))));
            }
            case "POST", "PUT" -> {
                Map<String, Object> request = Json.read(body, Map.class);
                if (!(request.get("data") instanceof Map<?, ?> data)) {
                    send(exchange, 400, Map.of("errors", List.of("no data provided")));
                    return;
                }
                putRaw(key, (Map<String, Object>) data);
                send(exchange, 200, Map.of("data", version(entries.get(key))));
            }
            default -> send(exchange, 405, Map.of("errors", List.of("unsupported operation")));
        }
    }

    private static Map<String, Object> version(Entry entry) {
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("created_time", entry.updated().toString());
        version.put("custom_metadata", null);
        version.put("deletion_time", "");
        version.put("destroyed", false);
        version.put("version", entry.version());
        return version;
    }

    private void metadata(HttpExchange exchange, String method, String key) throws IOException {
        switch (method) {
            case "LIST" -> {
                String folder = key.isEmpty() || key.endsWith("/") ? key : key + "/";
                Set<String> keys = new TreeSet<>();
                for (String stored : entries.keySet()) {
                    if (stored.startsWith(folder)) {
                        String rest = stored.substring(folder.length());
                        int slash = rest.indexOf('/');
                        keys.add(slash < 0 ? rest : rest.substring(0, slash + 1));
                    }
                }
                if (keys.isEmpty()) {
                    send(exchange, 404, Map.of("errors", List.of()));
                    return;
                }
                send(exchange, 200, Map.of("data", Map.of("keys", new ArrayList<>(keys))));
            }
            case "GET" -> {
                Entry entry = entries.get(key);
                if (entry == null) {
                    send(exchange, 404, Map.of("errors", List.of()));
                    return;
                }
                Map<String, Object> versions = new TreeMap<>();
                versions.put(Integer.toString(entry.version()), Map.of("created_time", entry.updated().toString(),
                        "deletion_time", "", "destroyed", false));
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("cas_required", false);
                data.put("created_time", entry.created().toString());
                data.put("current_version", entry.version());
                data.put("custom_metadata", null);
                data.put("delete_version_after", "0s");
                data.put("max_versions", 0);
                data.put("oldest_version", 0);
                data.put("updated_time", entry.updated().toString());
                data.put("versions", versions);
                send(exchange, 200, Map.of("data", data));
            }
            case "DELETE" -> {
                entries.remove(key);
                send(exchange, 204, null);
            }
            default -> send(exchange, 405, Map.of("errors", List.of("unsupported operation")));
        }
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] json = Json.writeBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        exchange.getResponseBody().write(json);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
