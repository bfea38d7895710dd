package dev.arca.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.arca.rego.value.Json;
import dev.arca.rego.value.Value;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code http.send}: off unless the embedder enables it, then OPA's request and response shapes, within limits. */
class HttpSendTest {
    private static HttpServer server;
    private static String base;
    private static final AtomicInteger CALLS = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/json", x -> {
            CALLS.incrementAndGet();
            reply(x, 200, "application/json", "{\"tcb\":\"UpToDate\",\"n\":[1,2]}");
        });
        server.createContext("/echo", x -> {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String auth = x.getRequestHeaders().getFirst("Authorization");
            reply(x, 201, "text/plain", x.getRequestMethod() + " " + auth + " " + body);
        });
        server.createContext("/missing", x -> reply(x, 404, "application/json", "{\"error\":\"nope\"}"));
        server.createContext("/big", x -> reply(x, 200, "text/plain", "x".repeat(5000)));
        server.createContext("/slow", x -> {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(x, 200, "text/plain", "late");
        });
        server.createContext("/redirect", x -> {
            x.getResponseHeaders().add("Location", "http://elsewhere.invalid/json");
            x.sendResponseHeaders(302, -1);
            x.close();
        });
        // one thread per exchange: the slow endpoint must not hold up the others
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static void reply(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    private static final RegoEngine ENABLED = RegoEngine.builder().strictBuiltinErrors(true)
            .timeout(Duration.ofSeconds(10)).httpSend(Set.of("127.0.0.1"), Duration.ofSeconds(5), 1024).build();

    private static Optional<String> send(RegoEngine engine, String request) {
        Value input = Json.parse("{\"base\":\"" + base + "\"}");
        return engine.compile("package t\nr := http.send(" + request + ")").evaluate("data.t.r", input, null)
                .map(Json::write);
    }

    @Test
    void aRequestWithoutMethodOrUrlOrWithUnknownKeysIsATypeErrorEvenWhenOff() {
        // OPA checks the request object's keys before sending: method and url are required, other keys are refused
        var strict = RegoEngine.builder().strictBuiltinErrors(true).build();
        assertThatThrownBy(() -> send(strict, "{\"method\": \"GET\"}"))
                .isInstanceOfSatisfying(RegoException.class, e -> assertThat(e.code()).isEqualTo("eval_type_error"))
                .hasMessageContaining("missing required request parameters(s): {\"url\"}");
        assertThatThrownBy(() -> send(strict, "{}"))
                .hasMessageContaining("missing required request parameters(s): {\"method\", \"url\"}");
        assertThatThrownBy(() -> send(strict, "{\"method\": \"GET\", \"url\": \"http://a\", \"verb\": 1}"))
                .isInstanceOfSatisfying(RegoException.class, e -> assertThat(e.code()).isEqualTo("eval_type_error"))
                .hasMessageContaining("invalid request parameters(s): {\"verb\"}");
        assertThat(send(Rego.ENGINE, "{\"method\": \"GET\"}")).isEmpty();
    }

    @Test
    void offByDefaultWithAClearError() {
        var strict = RegoEngine.builder().strictBuiltinErrors(true).build();
        assertThatThrownBy(() -> send(strict, "{\"method\": \"GET\", \"url\": concat(\"\", [input.base, \"/json\"])}"))
                .isInstanceOfSatisfying(RegoException.class, e -> assertThat(e.code()).isEqualTo("eval_builtin_error"))
                .hasMessageContaining("http.send is not enabled");
        assertThat(send(Rego.ENGINE, "{\"method\": \"GET\", \"url\": concat(\"\", [input.base, \"/json\"])}")).isEmpty();
    }

    @Test
    void getDecodesJsonBodiesAndGivesOpaResponseShape() {
        String r = send(ENABLED, "{\"method\": \"get\", \"url\": concat(\"\", [input.base, \"/json\"])}").orElseThrow();
        Value v = Json.parse(r);
        assertThat(Json.write(((dev.arca.rego.value.ObjectValue) v).get("body"))).isEqualTo("{\"n\":[1,2],\"tcb\":\"UpToDate\"}");
        assertThat(r).contains("\"status\":\"200 OK\"", "\"status_code\":200",
                "\"raw_body\":\"{\\\"tcb\\\":\\\"UpToDate\\\",\\\"n\\\":[1,2]}\"", "\"content-type\":[\"application/json\"]");
    }

    @Test
    void sameRequestIsSentOncePerQuery() {
        int before = CALLS.get();
        var policy = ENABLED.compile("""
                package t
                r := [a, b] if {
                    req := {"method": "GET", "url": concat("", [input.base, "/json"])}
                    a := http.send(req).status_code
                    b := http.send(req).status_code
                }
                """);
        assertThat(policy.evaluate("data.t.r", Json.parse("{\"base\":\"" + base + "\"}"), null).map(Json::write))
                .contains("[200,200]");
        assertThat(CALLS.get() - before).isEqualTo(1);
    }

    @Test
    void postSendsHeadersAndJsonOrRawBodies() {
        assertThat(send(ENABLED, "{\"method\": \"POST\", \"url\": concat(\"\", [input.base, \"/echo\"]), "
                + "\"headers\": {\"Authorization\": \"Bearer t\"}, \"body\": {\"b\": 1, \"a\": [true]}}").orElseThrow())
                .contains("\"status_code\":201", "\"raw_body\":\"POST Bearer t {\\\"a\\\":[true],\\\"b\\\":1}\"", "\"body\":null");
        assertThat(send(ENABLED, "{\"method\": \"PUT\", \"url\": concat(\"\", [input.base, \"/echo\"]), \"raw_body\": \"plain\"}")
                .orElseThrow()).contains("\"raw_body\":\"PUT null plain\"");
    }

    @Test
    void errorStatusesAreResponsesNotErrors() {
        assertThat(send(ENABLED, "{\"method\": \"GET\", \"url\": concat(\"\", [input.base, \"/missing\"])}").orElseThrow())
                .contains("\"status_code\":404", "\"body\":{\"error\":\"nope\"}");
    }

    @Test
    void hostsOutsideTheAllowListAreRefusedWhateverRaiseErrorSays() {
        var strict = RegoEngine.builder().strictBuiltinErrors(true)
                .timeout(Duration.ofSeconds(10)).httpSend(Set.of("127.0.0.1"), Duration.ofSeconds(5), 1024).build();
        assertThatThrownBy(() -> send(strict, "{\"method\": \"GET\", \"url\": \"http://localhost:1/x\", \"raise_error\": false}"))
                .isInstanceOfSatisfying(RegoException.class, e -> assertThat(e.code()).isEqualTo("eval_builtin_error"))
                .hasMessageContaining("host localhost is not allowed");
        assertThatThrownBy(() -> send(strict, "{\"method\": \"GET\", \"url\": concat(\"\", [input.base, \"/redirect\"]), "
                + "\"enable_redirect\": true}"))
                .hasMessageContaining("redirect to host elsewhere.invalid is not allowed");
        // without enable_redirect the 302 itself is the response
        assertThat(send(ENABLED, "{\"method\": \"GET\", \"url\": concat(\"\", [input.base, \"/redirect\"])}").orElseThrow())
                .contains("\"status_code\":302");
        assertThatThrownBy(() -> send(strict, "{\"method\": \"GET\", \"url\": \"file:///etc/passwd\"}"))
                .hasMessageContaining("url must be absolute http or https");
        assertThatThrownBy(() -> send(strict, "{\"method\": \"GET\", \"url\": concat(\"\", [input.base, \"/json\"]), \"bogus\": 1}"))
                .hasMessageContaining("invalid request parameter");
    }

    @Test
    void timeoutSizeLimitAndNetworkErrors() {
        var strict = RegoEngine.builder().strictBuiltinErrors(true).timeout(Duration.ofSeconds(5))
                .httpSend(Set.of("127.0.0.1"), Duration.ofMillis(300), 1024).build();
        assertThatThrownBy(() -> send(strict, "{\"method\": \"GET\", \"url\": concat(\"\", [input.base, \"/slow\"])}"))
                .isInstanceOfSatisfying(RegoException.class, e -> assertThat(e.code()).isEqualTo("eval_builtin_error"))
                .hasMessageContaining("timed out");
        // the query's deadline bounds a request even when the embedder's request timeout is longer
        var shortDeadline = RegoEngine.builder().strictBuiltinErrors(true).timeout(Duration.ofMillis(300))
                .httpSend(Set.of("127.0.0.1"), Duration.ofSeconds(30), 1024).build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> send(shortDeadline, "{\"method\": \"GET\", \"url\": concat(\"\", [input.base, \"/slow\"])}"))
                .hasMessageContaining("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1900));
        assertThatThrownBy(() -> send(strict, "{\"method\": \"GET\", \"url\": concat(\"\", [input.base, \"/big\"])}"))
                .hasMessageContaining("response larger than 1024 bytes");
        // raise_error false: a network failure is a response with status_code 0 and an error object
        assertThat(send(strict, "{\"method\": \"GET\", \"url\": \"http://127.0.0.1:1/\", \"raise_error\": false}").orElseThrow())
                .isEqualTo("{\"error\":{\"code\":\"eval_http_send_network_error\",\"message\":\"request failed\"},\"status_code\":0}");
        assertThatThrownBy(() -> send(strict, "{\"method\": \"GET\", \"url\": \"http://127.0.0.1:1/\"}"))
                .hasMessageContaining("request failed");
    }
}
