package dev.arca.attestation.rvps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.attestation.support.MutableClock;
import dev.arca.attestation.support.StubRvpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
import org.junit.jupiter.api.io.TempDir;
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
                Duration.ofSeconds(30), Duration.ZERO, clock);

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

    @Test
    void whileTheRvpsFailsCachedAnswersServeForTheStaleBoundThenTheFailurePropagates() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        MutableClock clock = new MutableClock();
        clock.fix(start);
        rvps.put("stale", "[5]");
        ReferenceValueCache cache = new ReferenceValueCache(client(rvps.url(), Duration.ofSeconds(5)),
                Duration.ofSeconds(30), Duration.ofMinutes(10), clock);
        assertThat(cache.find("stale")).contains(JSON.readTree("[5]"));
        assertThat(cache.find("stale-absent")).isEmpty();

        rvps.setAvailable(false);
        try {
            clock.fix(start.plusSeconds(31));
            assertThat(cache.find("stale")).contains(JSON.readTree("[5]"));
            assertThat(cache.find("stale-absent")).isEmpty();
            clock.fix(start.plus(Duration.ofSeconds(30)).plus(Duration.ofMinutes(10)).minusMillis(1));
            assertThat(cache.find("stale")).contains(JSON.readTree("[5]"));
            clock.fix(start.plus(Duration.ofSeconds(30)).plus(Duration.ofMinutes(10)));
            assertThatThrownBy(() -> cache.find("stale")).isInstanceOf(RvpsUnavailableException.class);
            assertThatThrownBy(() -> cache.find("stale-absent")).isInstanceOf(RvpsUnavailableException.class);
        } finally {
            rvps.setAvailable(true);
        }
    }

    @Test
    void theReaderTokenIsSentAndReReadWhenItsFileChanges(@TempDir Path dir) throws Exception {
        try (StubRvpsServer guarded = StubRvpsServer.start()) {
            guarded.put("x", "1");
            guarded.requireToken("token-one");
            Path file = Files.writeString(dir.resolve("token"), "token-one\n");
            BearerTokenFile token = new BearerTokenFile(file);
            RvpsClient client = new RvpsClient(guarded.url(), Duration.ofSeconds(2), Duration.ofSeconds(5), JSON,
                    () -> "Bearer " + token.token());

            assertThat(client.find("x")).contains(JSON.readTree("1"));
            assertThatThrownBy(() -> client(guarded.url(), Duration.ofSeconds(5)).find("x"))
                    .isInstanceOf(RvpsUnavailableException.class).hasMessageContaining("credential");

            guarded.requireToken("token-two");
            assertThatThrownBy(() -> client.find("x")).isInstanceOf(RvpsUnavailableException.class)
                    .hasMessageContaining("arca.as.rvps-token-file");
            Files.writeString(file, "token-two");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
            assertThat(client.find("x")).contains(JSON.readTree("1"));
        }
        assertThatThrownBy(() -> new BearerTokenFile(dir.resolve("absent")))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("absent");
    }
}
