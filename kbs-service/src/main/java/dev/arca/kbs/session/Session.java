package dev.arca.kbs.session;

import dev.arca.model.kbs.ProtocolVersion;
import java.time.Instant;

/**
 * One RCAR session: its id (the cookie value), a lifetime fixed at /auth (Trustee kbs_attestation_protocol.md), the
 * protocol generation the guest announced in its Request (it decides the message shapes of /attest and the JWE format
 * of cookie-based releases), and its state.
 */
public record Session(String id, Instant expiresAt, ProtocolVersion protocol, SessionState state) {

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Same id, expiry and protocol, new state: the lifetime is never extended. */
    public Session with(SessionState next) {
        return new Session(id, expiresAt, protocol, next);
    }
}
