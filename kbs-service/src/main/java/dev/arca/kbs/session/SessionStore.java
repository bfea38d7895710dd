package dev.arca.kbs.session;

import java.time.Instant;
import java.util.Optional;

/**
 * Where RCAR sessions live. The in-memory store serves one replica; a shared implementation (database, Redis) would
 * let /auth and /attest land on different replicas (specs/kbs.md §2.2, §7.4).
 */
public interface SessionStore {

    void put(Session session);

    /** The session if it exists and has not expired; an expired one is removed on the way. */
    Optional<Session> find(String id, Instant now);

    /** Atomically replaces {@code expected} with {@code replacement}; false when the session changed meanwhile. */
    boolean replace(Session expected, Session replacement);

    void remove(String id);

    /** Removes every expired session; returns how many. */
    int removeExpired(Instant now);

    int size();
}
