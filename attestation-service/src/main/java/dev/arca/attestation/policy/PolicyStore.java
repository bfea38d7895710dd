package dev.arca.attestation.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Uploaded policies in the {@code policies} table (H2 by default, PostgreSQL shared by replicas). SQL is kept to
 * what both databases run; the upsert is update-then-insert so it needs no dialect-specific MERGE.
 */
@Repository
public class PolicyStore {

    /** A look-up's answer (present or not) and until when it is reused. */
    private record LookUp(Optional<String> text, Instant until) {
    }

    /** Bounds the look-ups kept: ids come from requests, so a flood of unknown ids must not grow memory. */
    private static final int MAX_LOOKUPS = 1024;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration refresh;
    private final Map<String, LookUp> lookUps = new ConcurrentHashMap<>();

    public PolicyStore(JdbcClient jdbc, Clock clock, PolicyProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.refresh = properties.storeRefresh();
    }

    /**
     * The uploaded text of {@code id}. Every attestation asks (twice: {@code <id>_<class>}, then {@code <id>}), so an
     * answer is reused for {@code arca.as.policy.store-refresh}: a change through this replica applies at once, one
     * through another replica sharing the database within that bound.
     */
    public Optional<String> find(String id) {
        Instant now = clock.instant();
        LookUp known = lookUps.get(id);
        if (known != null && now.isBefore(known.until())) {
            return known.text();
        }
        Optional<String> text =
                jdbc.sql("SELECT text FROM policies WHERE id = ?").param(id).query(String.class).optional();
        if (refresh.isPositive()) {
            if (lookUps.size() >= MAX_LOOKUPS) {
                lookUps.clear();
            }
            lookUps.put(id, new LookUp(text, now.plus(refresh)));
        }
        return text;
    }

    public List<String> ids() {
        return jdbc.sql("SELECT id FROM policies ORDER BY id").query(String.class).list();
    }

    /** Creates or replaces; two replicas inserting the same new id at once end with one row, the later text. */
    public void save(String id, String text) {
        try {
            upsert(id, text);
        } finally {
            // after the write: a look-up that raced with it may have kept the old text, but only within the bound
            lookUps.remove(id);
        }
    }

    private void upsert(String id, String text) {
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
        try {
            return jdbc.sql("DELETE FROM policies WHERE id = ?").param(id).update() > 0;
        } finally {
            lookUps.remove(id);
        }
    }

    private int update(String id, String text, OffsetDateTime now) {
        return jdbc.sql("UPDATE policies SET text = ?, updated_at = ? WHERE id = ?").params(text, now, id).update();
    }
}
