package dev.arca.kbs.ops;

import dev.arca.kbs.testing.KbsInstance;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind an Ingress the /auth rate limit must count each client, not the proxy, and a client must not pick its own
 * bucket with a forged X-Forwarded-For (docs/kbs.md "Rate limit"): with {@code server.forward-headers-strategy=native}
 * Tomcat's RemoteIpValve believes the header only from {@code server.tomcat.remoteip.internal-proxies}. Here the
 * trusted proxy is 127.0.0.1 and an untrusted peer connects from 127.0.0.2 (Linux answers the whole loopback /8).
 */
class ForwardedClientAddressTest {

    @TempDir
    static Path dir;

    static KbsInstance kbs;

    @BeforeAll
    static void start() {
        Map<String, Object> properties = KbsInstance.baseProperties(dir.resolve("data"));
        properties.put("server.forward-headers-strategy", "native");
        properties.put("server.tomcat.remoteip.internal-proxies", "127\\.0\\.0\\.1");
        properties.put("arca.kbs.rate-limit.auth.burst", "1");
        properties.put("arca.kbs.rate-limit.auth.per-minute", "1");
        kbs = KbsInstance.start(properties, null);
    }

    @AfterAll
    static void stop() {
        if (kbs != null) {
            kbs.close();
        }
    }

    private int auth(InetAddress from, String forwardedFor) throws Exception {
        HttpClient client = HttpClient.newBuilder().localAddress(from).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + kbs.port()
                        + "/kbs/v0/auth"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"version\":\"0.4.0\",\"tee\":\"sample\"}"));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void throughTheTrustedProxyEachClientHasItsOwnBucket() throws Exception {
        InetAddress proxy = InetAddress.getByName("127.0.0.1");
        assertThat(auth(proxy, "203.0.113.10")).isEqualTo(200);
        assertThat(auth(proxy, "203.0.113.10")).isEqualTo(429);
        // another client behind the same proxy is not throttled by the first
        assertThat(auth(proxy, "203.0.113.11")).isEqualTo(200);
        // a chain: the proxy appended the address it saw; the client's own claim left of it is not believed
        assertThat(auth(proxy, "198.51.100.1, 203.0.113.10")).isEqualTo(429);
    }

    @Test
    void anUntrustedPeerCannotChooseItsBucketWithTheHeader() throws Exception {
        InetAddress stranger = InetAddress.getByName("127.0.0.2");
        assertThat(auth(stranger, "203.0.113.20")).isEqualTo(200);
        // a forged, fresh address each time: still the peer's one bucket
        assertThat(auth(stranger, "203.0.113.21")).isEqualTo(429);
        assertThat(auth(stranger, null)).isEqualTo(429);
    }
}
