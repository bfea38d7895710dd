package dev.arca.kbs.session;

import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.kbs.ProtocolVersion;
import dev.arca.model.tee.Tee;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemorySessionStoreTest implements SessionStoreContract {

    private final InMemorySessionStore store = new InMemorySessionStore(1000);

    @Override
    public SessionStore store() {
        return store;
    }

    Session session(String id, Duration life) {
        return new Session(id, NOW.plus(life), ProtocolVersion.V0_4_0,
                new SessionState.Authed(Tee.SAMPLE, "nonce-" + id, HashAlgorithm.SHA384));
    }

    @Test
    void theOldestSessionIsEvictedBeyondCapacity() {
        InMemorySessionStore small = new InMemorySessionStore(2);
        small.put(session("a", Duration.ofMinutes(5)));
        small.put(session("b", Duration.ofMinutes(5)));
        small.put(session("c", Duration.ofMinutes(5)));
        assertThat(small.size()).isEqualTo(2);
        assertThat(small.find("a", NOW)).isEmpty();
        assertThat(small.find("b", NOW)).isPresent();
        assertThat(small.find("c", NOW)).isPresent();
    }

    @Test
    void sessionIdsAreSimpleUuids() {
        String id = SessionCookie.newId();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(id.charAt(12)).isEqualTo('4');
        assertThat(SessionCookie.isWellFormed(id)).isTrue();
        assertThat(SessionCookie.isWellFormed(id.toUpperCase())).isFalse();
        assertThat(SessionCookie.setCookieHeader(new Session(id, Instant.parse("2026-03-05T07:08:09Z"),
                ProtocolVersion.V0_4_0, new SessionState.Attesting())))
                .isEqualTo("kbs-session-id=" + id + "; Expires=Thu, 05 Mar 2026 07:08:09 GMT");
    }

    @Test
    void theStoredStateTextIsStableSoItsDigestCanBeCompared() {
        SessionState state = new SessionState.Authed(Tee.TDX, "n", HashAlgorithm.SHA384);
        assertThat(SessionStateJson.write(state))
                .isEqualTo("{\"Authed\":{\"tee\":\"tdx\",\"nonce\":\"n\",\"hash\":\"sha384\"}}");
        assertThat(SessionStateJson.read(SessionStateJson.write(state))).isEqualTo(state);
        assertThat(SessionStateJson.read(SessionStateJson.write(new SessionState.Attested("t"))))
                .isEqualTo(new SessionState.Attested("t"));
        assertThat(JdbcSessionStore.digest("x")).hasSize(64);
    }
}
