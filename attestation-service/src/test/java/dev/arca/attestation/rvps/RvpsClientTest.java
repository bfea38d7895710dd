package dev.arca.attestation.rvps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.attestation.support.StubRvpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The RVPS client and its cache against a real HTTP server. */
class RvpsClientTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static StubRvpsServer rvps;

    @BeforeAll
    static void start() {
        rvps = StubRvpsServer.start();
        rvps.put("svn", "[\"1\", \"2\"]");
        rvps.put("rvps:///github.com/org/name:tag", "\"v\"");
        rvps.put("nothing", "null");
    }

    @AfterAll
    static void stop() {
        rvps.close();
    }

    private static RvpsClient client(URI url, Duration readTimeout) {
        return new RvpsClient(url, Duration.ofSeconds(2), readTimeout, JSON);
    }

    @Test
    void readsTheValueOfAReferenceValue() {
        RvpsClient client = client(rvps.url(), Duration.ofSeconds(5));

        assertThat(client.find("svn")).contains(JSON.readTree("[\"1\",\"2\"]"));
        assertThat(client.find("rvps:///github.com/org/name:tag")).contains(JSON.readTree("\"v\""));
    }

    @Test
    void absentAndNullValuesAreEmpty() {
        RvpsClient client = client(rvps.url(), Duration.ofSeconds(5));

        assertThat(client.find("no-such-value")).isEmpty();
        assertThat(client.find("nothing")).isEmpty();
    }

    @Test
    void errorsAreUnavailableNeverAbsent() throws IOException {
        URI closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        assertThatThrownBy(() -> client(closedPort, Duration.ofSeconds(5)).find("svn"))
                .isInstanceOf(RvpsUnavailableException.class).hasMessageContaining("unreachable");

        rvps.setAvailable(false);
        try {
            assertThatThrownBy(() -> client(rvps.url(), Duration.ofSeconds(5)).find("svn"))
                    .isInstanceOf(RvpsUnavailableException.class).hasMessageContaining("503");
        } finally {
            rvps.setAvailable(true);
        }
    }

    @Test
    void aSlowRvpsTimesOut() {
        rvps.setDelayMillis(1500);
        try {
            assertThatThrownBy(() -> client(rvps.url(), Duration.ofMillis(200)).find("svn"))
                    .isInstanceOf(RvpsUnavailableException.class);
        } finally {
            rvps.setDelayMillis(0);
        }
    }

    @Test
    void theCacheReusesAnswersUntilTheyExpireAndNeverCachesFailures() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        rvps.put("cached", "[1]");
        ReferenceValueCache cache = new ReferenceValueCache(client(rvps.url(), Duration.ofSeconds(5)),
                Duration.ofSeconds(30), clock);

        cache.find("cached");
        cache.find("cached");
        cache.find("cached-absent");
        cache.find("cached-absent");
        assertThat(rvps.queries("cached")).isEqualTo(1);
        assertThat(rvps.queries("cached-absent")).isEqualTo(1);

        now.set(now.get().plusSeconds(31));
        cache.find("cached");
        assertThat(rvps.queries("cached")).isEqualTo(2);

        rvps.setAvailable(false);
        try {
            now.set(now.get().plusSeconds(31));
            assertThatThrownBy(() -> cache.find("cached")).isInstanceOf(RvpsUnavailableException.class);
        } finally {
            rvps.setAvailable(true);
        }
        assertThat(cache.find("cached")).contains(JSON.readTree("[1]"));
        assertThat(rvps.queries("cached")).isEqualTo(4);
    }
}
