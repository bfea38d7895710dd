package dev.arca.kbs.session;

import java.time.Instant;
import java.util.Optional;

/**
 * Where RCAR sessions live (Trustee kbs_attestation_protocol.md). {@link InMemorySessionStore} serves one replica;
 * {@link JdbcSessionStore} keeps them in the shared database so /auth, /attest and cookie GETs may land on different
 * replicas behind a plain load balancer. Selected by {@code arca.kbs.session-store}.
 */
public interface SessionStore {

    void put(Session session);

    /** The session if it exists and has not expired; an expired one is removed on the way. */
    Optional<Session> find(String id, Instant now);

    /**
     * Atomically replaces {@code expected} with {@code replacement}; false when the session changed meanwhile (or is
     * gone). This compare-and-set is what makes a nonce single use across threads and replicas.
     */
    boolean replace(Session expected, Session replacement);

    void remove(String id);

    /** Removes every expired session; returns how many. */
    int removeExpired(Instant now);

    int size();
}
