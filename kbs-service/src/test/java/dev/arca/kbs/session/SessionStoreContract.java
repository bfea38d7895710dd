package dev.arca.kbs.session;

import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.kbs.ProtocolVersion;
import dev.arca.model.tee.Tee;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link SessionStore} must do, run against each implementation and database. */
interface SessionStoreContract {

    Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    SessionStore store();

    static Session authed(Duration life) {
        String id = SessionCookie.newId();
        return new Session(id, NOW.plus(life), ProtocolVersion.V0_4_0,
                new SessionState.Authed(Tee.TDX, "nonce-" + id, HashAlgorithm.SHA384));
    }

    @Test
    default void aStoredSessionIsFoundWithAllItsFields() {
        Session session = new Session(SessionCookie.newId(), NOW.plusSeconds(300), ProtocolVersion.V0_1_1,
                new SessionState.Authed(Tee.AZ_SNP_VTPM, "bm9uY2U=", HashAlgorithm.SHA512));
        store().put(session);
        assertThat(store().find(session.id(), NOW)).contains(session);
        assertThat(store().find(SessionCookie.newId(), NOW)).isEmpty();
    }

    @Test
    default void expiredSessionsAreNotFoundAndAreSwept() {
        Session shortLived = authed(Duration.ofMinutes(1));
        Session longLived = authed(Duration.ofMinutes(10));
        store().put(shortLived);
        store().put(longLived);
        assertThat(store().find(shortLived.id(), NOW.plusSeconds(59))).isPresent();
        assertThat(store().find(shortLived.id(), NOW.plusSeconds(60))).isEmpty();
        Session other = authed(Duration.ofMinutes(1));
        store().put(other);
        assertThat(store().removeExpired(NOW.plus(Duration.ofMinutes(2)))).isGreaterThanOrEqualTo(1);
        assertThat(store().find(other.id(), NOW)).isEmpty();
        assertThat(store().find(longLived.id(), NOW.plus(Duration.ofMinutes(2)))).isPresent();
    }

    @Test
    default void replaceIsACompareAndSetThatKeepsTheExpiry() {
        Session authed = authed(Duration.ofMinutes(5));
        store().put(authed);
        Session attesting = authed.with(new SessionState.Attesting());
        assertThat(store().replace(authed, attesting)).isTrue();
        // a second attempt from the same starting point loses: the nonce is spent once
        assertThat(store().replace(authed, authed.with(new SessionState.Attesting()))).isFalse();
        Session attested = attesting.with(new SessionState.Attested("header.claims." + "s".repeat(300_000)));
        assertThat(store().replace(attesting, attested)).isTrue();
        assertThat(store().find(authed.id(), NOW)).contains(attested);
        assertThat(attested.expiresAt()).isEqualTo(authed.expiresAt());
        store().remove(authed.id());
        assertThat(store().replace(attested, authed)).isFalse();
        assertThat(store().find(authed.id(), NOW)).isEmpty();
    }

    @Test
    default void concurrentCompareAndSetsHaveExactlyOneWinner() throws Exception {
        Session authed = authed(Duration.ofMinutes(5));
        store().put(authed);
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return store().replace(authed, authed.with(new SessionState.Attesting()));
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
