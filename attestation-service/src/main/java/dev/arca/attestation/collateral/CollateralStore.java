package dev.arca.attestation.collateral;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database cache of collateral (table {@code collateral}: kind, key, body, fetched_at, next_update): it lets a
 * restarted AS, and the other replicas sharing the database, use documents already fetched instead of asking the
 * vendor again (AMD's KDS rate-limits its clients). {@code key} is quoted: it is a keyword in H2.
 */
public class CollateralStore {

    /** One stored document. */
    public record Row(byte[] body, Instant fetchedAt, Instant nextUpdate) {
    }

    private final JdbcClient jdbc;

    public CollateralStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Row> find(String kind, String key) {
        return jdbc.sql("SELECT body, fetched_at, next_update FROM collateral WHERE kind = ? AND \"key\" = ?")
                .params(kind, key)
                .query((rs, n) -> new Row(rs.getBytes(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** Creates or replaces; concurrent writers of the same key end with one row. */
    public void save(String kind, String key, Row row) {
        OffsetDateTime fetched = row.fetchedAt().atOffset(ZoneOffset.UTC);
        OffsetDateTime next = row.nextUpdate().atOffset(ZoneOffset.UTC);
        if (update(kind, key, row.body(), fetched, next) > 0) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO collateral (kind, \"key\", body, fetched_at, next_update) VALUES (?, ?, ?, ?, ?)")
                    .params(kind, key, row.body(), fetched, next).update();
        } catch (DuplicateKeyException insertedConcurrently) {
            update(kind, key, row.body(), fetched, next);
        }
    }

    private int update(String kind, String key, byte[] body, OffsetDateTime fetched, OffsetDateTime next) {
        return jdbc.sql("UPDATE collateral SET body = ?, fetched_at = ?, next_update = ? WHERE kind = ? AND \"key\" = ?")
                .params(body, fetched, next, kind, key).update();
    }
}
