package dev.arca.kbs.session;

import java.time.Instant;

/** One RCAR session: its id (the cookie value), a lifetime fixed at /auth (specs/kbs.md §2.2), and its state. */
public record Session(String id, Instant expiresAt, SessionState state) {

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Same id and expiry, new state: the lifetime is never extended. */
    public Session with(SessionState next) {
        return new Session(id, expiresAt, next);
    }
}
