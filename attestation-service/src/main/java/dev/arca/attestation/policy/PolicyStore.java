package dev.arca.attestation.policy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Uploaded policies in the {@code policies} table (H2 by default, PostgreSQL shared by replicas). SQL is kept to
 * what both databases run; the upsert is update-then-insert so it needs no dialect-specific MERGE.
 */
@Repository
public class PolicyStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    public PolicyStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<String> find(String id) {
        return jdbc.sql("SELECT text FROM policies WHERE id = ?").param(id).query(String.class).optional();
    }

    public List<String> ids() {
        return jdbc.sql("SELECT id FROM policies ORDER BY id").query(String.class).list();
    }

    /** Creates or replaces; two replicas inserting the same new id at once end with one row, the later text. */
    public void save(String id, String text) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        if (update(id, text, now) > 0) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO policies (id, text, updated_at) VALUES (?, ?, ?)")
                    .params(id, text, now).update();
        } catch (DuplicateKeyException insertedConcurrently) {
            update(id, text, now);
        }
    }

    public boolean delete(String id) {
        return jdbc.sql("DELETE FROM policies WHERE id = ?").param(id).update() > 0;
    }

    private int update(String id, String text, OffsetDateTime now) {
        return jdbc.sql("UPDATE policies SET text = ?, updated_at = ? WHERE id = ?").params(text, now, id).update();
    }
}
