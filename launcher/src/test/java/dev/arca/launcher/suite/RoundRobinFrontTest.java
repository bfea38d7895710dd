package dev.arca.launcher.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The launcher's round-robin front: each new connection to the next replica, a dead replica skipped. */
class RoundRobinFrontTest {

    private final List<HttpServer> replicas = new ArrayList<>();
    private RoundRobinFront front;

    @AfterEach
    void stop() {
        replicas.forEach(server -> server.stop(0));
        if (front != null) {
            front.close();
        }
    }

    private int replica(String name) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        replicas.add(server);
        return server.getAddress().getPort();
    }

    /** A new client per request: the front balances connections, and a pooled connection stays on one replica. */
    private static String ask(int port) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    @Test
    void connectionsGoToEachReplicaInTurn() throws Exception {
        front = RoundRobinFront.open(0, List.of(replica("one"), replica("two")));
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(ask(front.port()));
        }
        assertThat(answers).containsExactly("one", "two", "one", "two");
    }

    @Test
    void aReplicaThatRefusesConnectionsIsSkipped() throws Exception {
        int dead;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = socket.getLocalPort();
        }
        front = RoundRobinFront.open(0, List.of(dead, replica("alive")));
        for (int i = 0; i < 4; i++) {
            assertThat(ask(front.port())).isEqualTo("alive");
        }
    }
}
