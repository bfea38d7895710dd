package dev.arca.kbs.session;

import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.tee.Tee;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemorySessionStoreTest {

    final Instant now = Instant.parse("2026-11-26T12:00:00Z");

    Session session(String id, Duration life) {
        return new Session(id, now.plus(life), new SessionState.Authed(Tee.SAMPLE, "nonce-" + id, HashAlgorithm.SHA384));
    }

    @Test
    void theOldestSessionIsEvictedBeyondCapacity() {
        InMemorySessionStore store = new InMemorySessionStore(2);
        store.put(session("a", Duration.ofMinutes(5)));
        store.put(session("b", Duration.ofMinutes(5)));
        store.put(session("c", Duration.ofMinutes(5)));
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.find("a", now)).isEmpty();
        assertThat(store.find("b", now)).isPresent();
        assertThat(store.find("c", now)).isPresent();
    }

    @Test
    void expiredSessionsAreNotFoundAndAreSwept() {
        InMemorySessionStore store = new InMemorySessionStore(10);
        store.put(session("short", Duration.ofMinutes(1)));
        store.put(session("long", Duration.ofMinutes(10)));
        assertThat(store.find("short", now.plusSeconds(59))).isPresent();
        assertThat(store.find("short", now.plusSeconds(60))).isEmpty();
        store.put(session("short2", Duration.ofMinutes(1)));
        assertThat(store.removeExpired(now.plus(Duration.ofMinutes(2)))).isEqualTo(1);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void replaceIsACompareAndSetThatKeepsTheExpiry() {
        InMemorySessionStore store = new InMemorySessionStore(10);
        Session authed = session("a", Duration.ofMinutes(5));
        store.put(authed);
        Session attesting = authed.with(new SessionState.Attesting());
        assertThat(store.replace(authed, attesting)).isTrue();
        // a second attempt from the same starting point loses: the nonce is spent once
        assertThat(store.replace(authed, authed.with(new SessionState.Attesting()))).isFalse();
        Session attested = attesting.with(new SessionState.Attested("token"));
        assertThat(store.replace(attesting, attested)).isTrue();
        assertThat(store.find("a", now).orElseThrow()).isEqualTo(attested);
        assertThat(attested.expiresAt()).isEqualTo(authed.expiresAt());
        store.remove("a");
        assertThat(store.replace(attested, authed)).isFalse();
    }

    @Test
    void sessionIdsAreSimpleUuids() {
        String id = SessionCookie.newId();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(id.charAt(12)).isEqualTo('4');
        assertThat(SessionCookie.isWellFormed(id)).isTrue();
        assertThat(SessionCookie.isWellFormed(id.toUpperCase())).isFalse();
        assertThat(SessionCookie.setCookieHeader(new Session(id, Instant.parse("2026-03-05T07:08:09Z"),
                new SessionState.Attesting()))).isEqualTo("kbs-session-id=" + id + "; Expires=Thu, 05 Mar 2026 07:08:09 GMT");
    }
}
