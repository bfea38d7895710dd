package dev.arca.kbs.upstream;

import com.sun.net.httpserver.HttpServer;
import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.testing.TestProperties;
import dev.arca.model.as.AttestationRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpstreamHttpTest {

    final CountDownLatch release = new CountDownLatch(1);
    HttpServer server;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    String serve(int status, String body, boolean hang) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                if (hang) {
                    release.await(30, TimeUnit.SECONDS);
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
                exchange.getResponseBody().write(bytes);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static AttestationServiceClient client(String url, Duration readTimeout) {
        var properties = TestProperties.kbs(url, readTimeout);
        return new AttestationServiceClient(new UpstreamHttp(properties), properties);
    }

    static final AttestationRequest REQUEST = new AttestationRequest(List.of(), List.of("default"));

    @Test
    void aSilentAsTimesOutAsA503() throws Exception {
        String url = serve(200, "token", true);
        long start = System.nanoTime();
        assertThatThrownBy(() -> client(url, Duration.ofMillis(300)).attest(REQUEST))
                .isInstanceOfSatisfying(KbsException.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anUnreachableAsIsA503() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> client("http://127.0.0.1:" + closedPort, Duration.ofSeconds(1)).attest(REQUEST))
                .isInstanceOfSatisfying(KbsException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.problem().errorName()).isEqualTo("UpstreamUnavailable");
                });
    }

    @Test
    void aRefusalOfTheAsIsAnAttestationErrorWithItsReason() throws Exception {
        String url = serve(400, "{\"type\":\"x\",\"detail\":\"quote signature invalid\"}", false);
        assertThatThrownBy(() -> client(url, Duration.ofSeconds(2)).attest(REQUEST))
                .isInstanceOfSatisfying(KbsException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.problem().errorName()).isEqualTo("AttestationError");
                    assertThat(e.getMessage()).endsWith("quote signature invalid");
                });
    }

    @Test
    void aFailingAsIsA503() throws Exception {
        String url = serve(500, "boom", false);
        assertThatThrownBy(() -> client(url, Duration.ofSeconds(2)).attest(REQUEST))
                .isInstanceOfSatisfying(KbsException.class, e -> assertThat(e.status()).isEqualTo(503));
    }

    @Test
    void aConnectionCutBeforeTheAnswerIsTriedOnceMore() throws Exception {
        // what a replica dying behind a load balancer looks like: the first connection is closed unanswered
        try (ServerSocket socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        try (Socket connection = socket.accept()) {
                            if (connections.incrementAndGet() == 1) {
                                continue;
                            }
                            InputStream in = connection.getInputStream();
                            byte[] head = new byte[8192];
                            in.read(head);
                            connection.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                                    + "Content-Length: 5\r\nConnection: close\r\n\r\ntoken")
                                    .getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            String url = "http://127.0.0.1:" + socket.getLocalPort();
            assertThat(client(url, Duration.ofSeconds(5)).attest(REQUEST)).isEqualTo("token");
            assertThat(connections.get()).isEqualTo(2);
        }
    }

    @Test
    void aConnectionLostTwiceIsA503() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        Socket connection = socket.accept();
                        connections.incrementAndGet();
                        connection.close();
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            String url = "http://127.0.0.1:" + socket.getLocalPort();
            assertThatThrownBy(() -> client(url, Duration.ofSeconds(5)).attest(REQUEST))
                    .isInstanceOfSatisfying(KbsException.class, e -> assertThat(e.status()).isEqualTo(503));
            assertThat(connections.get()).isEqualTo(2);
        }
    }

    @Test
    void anAnswerThatTricklesIsCutAtTheDeadline() throws Exception {
        // a byte every 100 ms never trips the 300-ms read timeout: only the overall deadline (2 s connect + 300 ms)
        // ends the call
        try (ServerSocket socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket connection = socket.accept()) {
                    connection.getInputStream().read(new byte[8192]);
                    var out = connection.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    for (int i = 0; i < 1000; i++) {
                        out.write('x');
                        out.flush();
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException over) {
                    // the client hung up, or the test is over
                }
            });
            String url = "http://127.0.0.1:" + socket.getLocalPort();
            long start = System.nanoTime();
            assertThatThrownBy(() -> client(url, Duration.ofMillis(300)).attest(REQUEST))
                    .isInstanceOfSatisfying(KbsException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.getMessage()).contains("did not answer within 2 s");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(2000),
                    Duration.ofSeconds(6));
        }
    }

    @Test
    void anAnswerTooLargeIsRefusedWithoutBeingHeld() throws Exception {
        String url = serve(200, "x".repeat(UpstreamHttp.MAX_ANSWER_BYTES + 1), false);
        assertThatThrownBy(() -> client(url, Duration.ofSeconds(5)).attest(REQUEST))
                .isInstanceOfSatisfying(KbsException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.getMessage()).contains("more than 16 MiB");
                });
    }

    @Test
    void endpointsJoinWithOrWithoutATrailingSlash() {
        assertThat(UpstreamHttp.endpoint(URI.create("http://as:8081/"), "/attestation"))
                .hasToString("http://as:8081/attestation");
        assertThat(UpstreamHttp.endpoint(URI.create("http://gw/as"), "/policy")).hasToString("http://gw/as/policy");
    }
}
