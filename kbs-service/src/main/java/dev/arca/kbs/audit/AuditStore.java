package dev.arca.kbs.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Audit records in table {@code kbs_audit}, shared by replicas on one database. */
@Repository
public class AuditStore {

    private static final int MAX_REASON = 1024;

    private final JdbcClient jdbc;

    public AuditStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(AuditRecord record) {
        jdbc.sql("""
                INSERT INTO kbs_audit (occurred_at, session_digest, tee, claims_sha256, plugin, resource, decision,
                                       policy_id, reason, via, tee_key, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(OffsetDateTime.ofInstant(record.time(), ZoneOffset.UTC), record.sessionDigest(), record.tee(),
                        record.claimsSha256(), record.plugin(), truncate(record.resource(), 512), record.decision(),
                        record.policyId(), truncate(record.reason(), MAX_REASON), record.via(), record.teeKey(),
                        record.status())
                .update();
    }

    /** Records from {@code since} on (inclusive) with an id above {@code afterId}, oldest first, at most limit. */
    public List<AuditRecord> read(Instant since, long afterId, int limit) {
        return jdbc.sql("""
                SELECT id, occurred_at, session_digest, tee, claims_sha256, plugin, resource, decision, policy_id, reason,
                       via, tee_key, status
                FROM kbs_audit WHERE occurred_at >= ? AND id > ? ORDER BY id LIMIT ?""")
                .params(OffsetDateTime.ofInstant(since, ZoneOffset.UTC), afterId, limit)
                .query(AuditStore::row)
                .list();
    }

    /** Deletes records older than {@code before}; returns how many. */
    public int deleteBefore(Instant before) {
        return jdbc.sql("DELETE FROM kbs_audit WHERE occurred_at < ?")
                .param(OffsetDateTime.ofInstant(before, ZoneOffset.UTC))
                .update();
    }

    private static AuditRecord row(ResultSet rs, int n) throws SQLException {
        return new AuditRecord(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getInt(13));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
