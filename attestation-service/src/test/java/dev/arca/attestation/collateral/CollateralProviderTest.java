package dev.arca.attestation.collateral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.attestation.TestDatabase;
import dev.arca.attestation.collateral.CollateralException.Reason;
import dev.arca.attestation.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The persistent collateral provider over a fake vendor source ({@link FakeVendorSource}) and a real H2 database
 * migrated by the service's Flyway scripts: coalescing, the two caches, background refresh, stale-if-error, timeouts,
 * unreadable copies and metrics.
 */
class CollateralProviderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    /** A document as a vendor might serve it: a value and, optionally, when it should be replaced. */
    record Document(String value, Instant nextUpdate) {
    }

    /** Test collateral kind: keys are strings, bodies JSON {@code {"value": …, "next_update": …}}. */
    static final class DocumentCodec implements CollateralCodec<String, Document> {

        @Override
        public String kind() {
            return "test-document";
        }

        @Override
        public String keyText(String key) {
            return key;
        }

        @Override
        public byte[] encode(Document value) {
            return document(value.value(), value.nextUpdate()).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Document decode(byte[] body) throws CollateralException {
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (RuntimeException e) {
                throw new CollateralException(Reason.INVALID, "not JSON");
            }
            if (json == null || !json.path("value").isString()) {
                throw new CollateralException(Reason.INVALID, "no value");
            }
            JsonNode next = json.path("next_update");
            return new Document(json.path("value").asString(), next.isString() ? Instant.parse(next.asString()) : null);
        }

        @Override
        public Optional<Instant> nextUpdate(Document value, Instant fetchedAt) {
            return Optional.ofNullable(value.nextUpdate());
        }
    }

    private FakeVendorSource vendor;
    private MutableClock clock;
    private SimpleMeterRegistry registry;
    private CollateralStore store;
    private final List<CollateralProviders> factories = new ArrayList<>();

    @BeforeEach
    void setUp() {
        vendor = new FakeVendorSource();
        clock = new MutableClock();
        clock.fix(T0);
        registry = new SimpleMeterRegistry();
        DataSource db = TestDatabase.migrated();
        store = new CollateralStore(JdbcClient.create(db));
    }

    @AfterEach
    void tearDown() {
        factories.forEach(CollateralProviders::close);
    }

    private static String document(String value, Instant nextUpdate) {
        return "{\"value\":\"" + value + "\"" + (nextUpdate == null ? "" : ",\"next_update\":\"" + nextUpdate + "\"")
                + "}";
    }

    private static CollateralProperties config(Duration fetchTimeout) {
        return new CollateralProperties(null, Duration.ofSeconds(2), fetchTimeout, DataSize.ofKilobytes(64),
                Duration.ofHours(24), Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofDays(1), 1024, Duration.ofMinutes(10));
    }

    private CollateralProvider<String, Document> provider(CollateralProperties config, CollateralStore withStore) {
        CollateralProviders factory = new CollateralProviders(config, withStore, clock, registry);
        factories.add(factory);
        return factory.create(new DocumentCodec(), vendor);
    }

    private CollateralProvider<String, Document> provider() {
        return provider(config(Duration.ofSeconds(5)), store);
    }

    private double lookups(String result) {
        var counter = registry.find(CollateralMetrics.LOOKUPS).tag("kind", "test-document").tag("result", result)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double fetches(String outcome) {
        var counter = registry.find(CollateralMetrics.FETCHES).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void concurrentMissesForOneKeyShareOneFetch() throws Exception {
        vendor.put("fmspc-1", document("tcb-1", T0.plus(Duration.ofDays(30))));
        vendor.setDelayMillis(300);
        CollateralProvider<String, Document> provider = provider();
        int callers = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Collateral<Document>>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit((Callable<Collateral<Document>>) () -> {
                    start.await();
                    return provider.get("fmspc-1");
                }));
            }
            start.countDown();
            for (Future<Collateral<Document>> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS).value().value()).isEqualTo("tcb-1");
            }
        }

        assertThat(vendor.requests("fmspc-1")).isEqualTo(1);
        assertThat(fetches("success")).isEqualTo(1);
        assertThat(lookups("fetched") + lookups("memory")).isEqualTo(callers);
        assertThat(provider.get("fmspc-1").fetchedAt()).isEqualTo(T0);
        assertThat(vendor.requests("fmspc-1")).isEqualTo(1);
    }

    @Test
    void theDatabaseCopySurvivesARestartOfTheProvider() throws Exception {
        Instant next = T0.plus(Duration.ofDays(2));
        vendor.put("vcek-1", document("cert-1", next));
        provider().get("vcek-1");
        assertThat(store.find("test-document", "vcek-1")).hasValueSatisfying(row -> {
            assertThat(new String(row.body(), StandardCharsets.UTF_8)).contains("cert-1");
            assertThat(row.fetchedAt()).isEqualTo(T0);
            assertThat(row.nextUpdate()).isEqualTo(next);
        });

        vendor.setDown(true);
        CollateralProvider<String, Document> restarted = provider();
        Collateral<Document> again = restarted.get("vcek-1");

        assertThat(again.value().value()).isEqualTo("cert-1");
        assertThat(again.stale()).isFalse();
        assertThat(again.fetchedAt()).isEqualTo(T0);
        assertThat(vendor.requests("vcek-1")).isEqualTo(1);
        assertThat(lookups("database")).isEqualTo(1);
    }

    @Test
    void documentsAreRefreshedInTheBackgroundBeforeTheyAreDue() throws Exception {
        Instant due = T0.plus(Duration.ofHours(6));
        vendor.put("qe-identity", document("v1", due));
        CollateralProvider<String, Document> provider = provider();
        assertThat(provider.get("qe-identity").value().value()).isEqualTo("v1");

        // not yet within the one-hour margin: nothing to refresh
        clock.fix(due.minus(Duration.ofHours(2)));
        provider.refreshDue().get(5, TimeUnit.SECONDS);
        assertThat(vendor.requests("qe-identity")).isEqualTo(1);

        // within the margin: the refresher fetches while the old copy keeps being served
        vendor.put("qe-identity", document("v2", due.plus(Duration.ofDays(1))));
        clock.fix(due.minus(Duration.ofMinutes(30)));
        provider.refreshDue().get(5, TimeUnit.SECONDS);

        assertThat(vendor.requests("qe-identity")).isEqualTo(2);
        Collateral<Document> refreshed = provider.get("qe-identity");
        assertThat(refreshed.value().value()).isEqualTo("v2");
        assertThat(refreshed.nextUpdate()).isEqualTo(due.plus(Duration.ofDays(1)));
        assertThat(store.find("test-document", "qe-identity").orElseThrow().nextUpdate())
                .isEqualTo(due.plus(Duration.ofDays(1)));
    }

    @Test
    void aRefreshReplacingADocumentHandedOutIsReportedOnce() throws Exception {
        Instant due = T0.plus(Duration.ofHours(6));
        vendor.put("tcb-info", document("v1", due));
        CollateralProvider<String, Document> provider = provider();
        assertThat(provider.replacedSinceServed()).as("nothing handed out yet").isFalse();
        provider.get("tcb-info");
        assertThat(provider.replacedSinceServed()).isFalse();

        vendor.put("tcb-info", document("v2", due.plus(Duration.ofDays(1))));
        clock.fix(due.minus(Duration.ofMinutes(30)));
        provider.refreshDue().get(5, TimeUnit.SECONDS);

        assertThat(provider.replacedSinceServed()).isTrue();
        assertThat(provider.replacedSinceServed()).as("reported once").isFalse();
        assertThat(provider.get("tcb-info").value().value()).isEqualTo("v2");
        assertThat(provider.replacedSinceServed()).isFalse();
    }

    @Test
    void aLookupWithinTheMarginAnswersAtOnceAndRefreshesBehind() throws Exception {
        Instant due = T0.plus(Duration.ofHours(2));
        vendor.put("crl", document("old", due));
        CollateralProvider<String, Document> provider = provider();
        provider.get("crl");
        vendor.put("crl", document("new", due.plus(Duration.ofDays(1))));
        clock.fix(due.minus(Duration.ofMinutes(10)));

        assertThat(provider.get("crl").value().value()).isEqualTo("old");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!provider.get("crl").value().value().equals("new") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(provider.get("crl").value().value()).isEqualTo("new");
        assertThat(vendor.requests("crl")).isEqualTo(2);
    }

    @Test
    void aFailingSourceIsCoveredByTheStaleCopyForTheBoundOnly() throws Exception {
        Instant due = T0.plus(Duration.ofHours(3));
        vendor.put("tcb", document("v1", due));
        CollateralProvider<String, Document> provider = provider();
        provider.get("tcb");
        vendor.setDown(true);

        clock.fix(due.plus(Duration.ofHours(1)));
        Collateral<Document> stale = provider.get("tcb");
        assertThat(stale.stale()).isTrue();
        assertThat(stale.value().value()).isEqualTo("v1");
        assertThat(lookups("stale")).isEqualTo(1);

        clock.fix(due.plus(Duration.ofDays(1)));
        assertThatThrownBy(() -> provider.get("tcb")).isInstanceOfSatisfying(CollateralException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
        assertThat(lookups("failed")).isEqualTo(1);
        assertThat(fetches("unavailable")).isEqualTo(2);
    }

    @Test
    void aKeyTheVendorHasNothingForIsNotAskedAgainWithinTheNotFoundTtl() throws Exception {
        CollateralProvider<String, Document> provider = provider();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> provider.get("unknown-chip")).isInstanceOfSatisfying(CollateralException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.NOT_AVAILABLE));
        }
        assertThat(vendor.requests("unknown-chip")).as("one vendor request for five lookups").isEqualTo(1);

        // the vendor learns the key (a new chip provisioned): asked again only once the answer has lapsed
        vendor.put("unknown-chip", document("vcek", T0.plus(Duration.ofDays(30))));
        assertThatThrownBy(() -> provider.get("unknown-chip")).isInstanceOf(CollateralException.class);
        clock.fix(T0.plus(Duration.ofMinutes(11)));
        assertThat(provider.get("unknown-chip").value().value()).isEqualTo("vcek");
        assertThat(vendor.requests("unknown-chip")).isEqualTo(2);
    }

    @Test
    void absentGarbageAndDefaultLifetimes() throws Exception {
        vendor.put("garbage", "<html>captive portal</html>");
        vendor.put("no-next-update", document("x", null));
        CollateralProvider<String, Document> provider = provider();

        assertThatThrownBy(() -> provider.get("absent")).isInstanceOfSatisfying(CollateralException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NOT_AVAILABLE));
        assertThatThrownBy(() -> provider.get("garbage")).isInstanceOfSatisfying(CollateralException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
        assertThat(store.find("test-document", "garbage")).isEmpty();
        assertThat(provider.get("no-next-update").nextUpdate()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThatThrownBy(() -> provider.get("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThat(fetches("not_available")).isEqualTo(1);
        assertThat(fetches("invalid")).isEqualTo(1);
    }

    @Test
    void aSlowSourceIsAbandonedAtTheFetchTimeout() {
        vendor.put("slow", document("late", null));
        vendor.setDelayMillis(3000);
        CollateralProvider<String, Document> provider = provider(config(Duration.ofMillis(300)), store);

        long started = System.nanoTime();
        assertThatThrownBy(() -> provider.get("slow")).isInstanceOfSatisfying(CollateralException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void anUnreadableDatabaseCopyIsIgnoredAndFetchedAgain() throws Exception {
        store.save("test-document", "tcb", new CollateralStore.Row("<html>".getBytes(StandardCharsets.UTF_8), T0,
                T0.plus(Duration.ofDays(1))));
        vendor.put("tcb", document("fresh", null));

        assertThat(provider().get("tcb").value().value()).isEqualTo("fresh");
        assertThat(vendor.requests("tcb")).isEqualTo(1);
        assertThat(new String(store.find("test-document", "tcb").orElseThrow().body(), StandardCharsets.UTF_8))
                .contains("fresh");
    }

    @Test
    void aFailingVendorClientIsUnavailableNeverAnError() {
        vendor.setBug(new IllegalStateException("bug in a vendor client"));
        CollateralProvider<String, Document> provider = provider();

        assertThatThrownBy(() -> provider.get("tcb")).isInstanceOfSatisfying(CollateralException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
        assertThat(fetches("unavailable")).isEqualTo(1);
    }

    @Test
    void oneProviderPerKind() {
        CollateralProviders factory = new CollateralProviders(config(Duration.ofSeconds(1)), null, clock,
                registry);
        factories.add(factory);
        factory.create(new DocumentCodec(), vendor);

        assertThatThrownBy(() -> factory.create(new DocumentCodec(), vendor))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("test-document");
    }
}
