package dev.arca.kbs.policy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The admin-set resource policy, in table {@code kbs_resource_policy}. Read on every evaluation, as upstream does
 * (specs/kbs.md §5.2), so replicas sharing a database see an update at once.
 */
@Repository
public class ResourcePolicyStore {

    /** Upstream's policy id (specs/kbs.md §5.2). */
    public static final String POLICY_ID = "resource-policy";

    private final JdbcClient jdbc;
    private final Clock clock;

    public ResourcePolicyStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<String> find() {
        return jdbc.sql("SELECT policy_text FROM kbs_resource_policy WHERE id = ?")
                .param(POLICY_ID)
                .query(String.class)
                .optional();
    }

    public void save(String text) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (update(text, now) == 0) {
            try {
                jdbc.sql("INSERT INTO kbs_resource_policy (id, policy_text, updated_at) VALUES (?, ?, ?)")
                        .params(POLICY_ID, text, now)
                        .update();
            } catch (DuplicateKeyException raced) {
                update(text, now);
            }
        }
    }

    private int update(String text, OffsetDateTime now) {
        return jdbc.sql("UPDATE kbs_resource_policy SET policy_text = ?, updated_at = ? WHERE id = ?")
                .params(text, now, POLICY_ID)
                .update();
    }
}
