package dev.arca.snp.kds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.SnpVerificationException;
import dev.arca.snp.SnpVerificationException.Reason;
import dev.arca.snp.report.SigningKey;
import dev.arca.snp.report.TcbVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a local HTTP server standing in for AMD's KDS (a FAKE: the real one is on the internet). */
class KdsClientTest {

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String target = exchange.getRequestURI().toString();
            requests.add(target);
            byte[] body;
            int status;
            if (target.startsWith("/kds/vcek/v1/Milan/cert_chain")) {
                status = 200;
                body = "-----BEGIN CERTIFICATE-----".getBytes();
            } else if (target.startsWith("/kds/vcek/v1/Genoa/crl")) {
                status = 429;
                body = new byte[0];
                exchange.getResponseHeaders().add("Retry-After", "10");
            } else if (target.startsWith("/slow")) {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status = 200;
                body = new byte[] {1};
            } else if (target.startsWith("/kds/vlek/v1/Milan/crl")) {
                status = 200;
                body = new byte[4096];
            } else {
                status = 404;
                body = new byte[0];
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private KdsClient client(Duration timeout, int maxBytes) {
        return new KdsClient(new KdsSettings(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/kds/"),
                Duration.ofSeconds(2), timeout, maxBytes));
    }

    @Test
    void getsTheDocumentAtItsKdsPath() throws Exception {
        byte[] chain = client(Duration.ofSeconds(5), 1024).fetch(new KdsRequest.CertChain(ProcessorGeneration.MILAN,
                SigningKey.VCEK));

        assertThat(new String(chain)).startsWith("-----BEGIN CERTIFICATE");
        assertThat(requests).containsExactly("/kds/vcek/v1/Milan/cert_chain");
    }

    @Test
    void asksForAVcekByHwIdAndTcb() {
        byte[] hwId = new byte[64];
        hwId[0] = (byte) 0xAB;
        KdsRequest.Vcek vcek = new KdsRequest.Vcek(ProcessorGeneration.MILAN, hwId,
                TcbVersion.of(ProcessorGeneration.MILAN, 0, 3, 0, 8, 115));

        assertThatThrownBy(() -> client(Duration.ofSeconds(5), 1024).fetch(vcek))
                .isInstanceOfSatisfying(SnpVerificationException.class,
                        e -> {
                            assertThat(e.reason()).isEqualTo(Reason.CERTIFICATES_UNAVAILABLE);
                            assertThat(e.isUnknownToSource()).as("a 404 says the KDS has nothing").isTrue();
                        })
                .hasMessageContaining("HTTP 404");
        assertThat(requests).containsExactly("/kds/vcek/v1/Milan/ab" + "00".repeat(63)
                + "?blSPL=03&teeSPL=00&snpSPL=08&ucodeSPL=115");
    }

    @Test
    void rateLimitsTimeoutsAndOversizedAnswersAreUnavailable() {
        KdsClient client = client(Duration.ofSeconds(5), 1024);
        assertThatThrownBy(() -> client.fetch(new KdsRequest.Crl(ProcessorGeneration.GENOA, SigningKey.VCEK)))
                .hasMessageContaining("HTTP 429").hasMessageContaining("retry after 10");
        KdsClient slow = new KdsClient(new KdsSettings(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/slow"), Duration.ofSeconds(2), Duration.ofMillis(300), 1024));
        assertThatThrownBy(() -> slow.fetch(new KdsRequest.CertChain(ProcessorGeneration.TURIN, SigningKey.VCEK)))
                .hasMessageContaining("did not answer");
        assertThatThrownBy(() -> client.fetch(new KdsRequest.Crl(ProcessorGeneration.MILAN, SigningKey.VLEK)))
                .hasMessageContaining("exceeds 1024 bytes");
    }

    @Test
    void anUnreachableKdsIsUnavailable() {
        KdsClient client = new KdsClient(new KdsSettings(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1024));
        assertThatThrownBy(() -> client.fetch(new KdsRequest.CertChain(ProcessorGeneration.MILAN, SigningKey.VCEK)))
                .isInstanceOfSatisfying(SnpVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CERTIFICATES_UNAVAILABLE))
                .hasMessageContaining("unreachable");
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> KdsSettings.of(URI.create("ftp://kds"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(KdsSettings.defaults().baseUrl()).isEqualTo(URI.create("https://kdsintf.amd.com"));
    }
}
