package dev.arca.kbs.session;

import dev.arca.model.json.Hex;
import dev.arca.model.kbs.ProtocolVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sessions in table {@code kbs_session}, shared by every replica that uses the same database (PostgreSQL in
 * production; Trustee KBS cluster.md), so a guest's /auth, /attest and cookie GETs need no load-balancer affinity.
 *
 * <p>{@link #replace} is a single conditional UPDATE on the digest of the expected state: the database's row lock makes
 * it an atomic compare-and-set across replicas, which is what keeps a nonce single use. Expiry is judged with the
 * KBS's clock, so replicas need synchronised clocks (NTP), as they do for token {@code exp} anyway.
 */
public class JdbcSessionStore implements SessionStore {

    private final JdbcClient jdbc;

    public JdbcSessionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void put(Session session) {
        String state = SessionStateJson.write(session.state());
        jdbc.sql("""
                INSERT INTO kbs_session (id, expires_at, protocol, state, state_digest)
                VALUES (?, ?, ?, ?, ?)""")
                .params(session.id(), utc(session.expiresAt()), session.protocol().version(), state, digest(state))
                .update();
    }

    @Override
    public Optional<Session> find(String id, Instant now) {
        Optional<Session> found = jdbc.sql("SELECT expires_at, protocol, state FROM kbs_session WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Session(id,
                        rs.getObject(1, OffsetDateTime.class).toInstant(),
                        ProtocolVersion.fromVersion(rs.getString(2)).orElseThrow(
                                () -> new IllegalStateException("stored session has an unknown protocol")),
                        SessionStateJson.read(rs.getString(3))))
                .optional();
        if (found.isPresent() && found.get().isExpired(now)) {
            jdbc.sql("DELETE FROM kbs_session WHERE id = ? AND expires_at <= ?").params(id, utc(now)).update();
            return Optional.empty();
        }
        return found;
    }

    @Override
    public boolean replace(Session expected, Session replacement) {
        if (!expected.id().equals(replacement.id())) {
            throw new IllegalArgumentException("a session keeps its id");
        }
        String state = SessionStateJson.write(replacement.state());
        return jdbc.sql("""
                UPDATE kbs_session SET state = ?, state_digest = ?, expires_at = ?
                WHERE id = ? AND state_digest = ?""")
                .params(state, digest(state), utc(replacement.expiresAt()), expected.id(),
                        digest(SessionStateJson.write(expected.state())))
                .update() == 1;
    }

    @Override
    public void remove(String id) {
        jdbc.sql("DELETE FROM kbs_session WHERE id = ?").param(id).update();
    }

    @Override
    public int removeExpired(Instant now) {
        return jdbc.sql("DELETE FROM kbs_session WHERE expires_at <= ?").param(utc(now)).update();
    }

    @Override
    public int size() {
        return jdbc.sql("SELECT COUNT(*) FROM kbs_session").query(Integer.class).single();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** SHA-256 of the state text: a fixed-size value the compare-and-set can compare on any database. */
    static String digest(String state) {
        try {
            return Hex.of(MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
