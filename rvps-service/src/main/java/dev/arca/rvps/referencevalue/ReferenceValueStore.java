package dev.arca.rvps.referencevalue;

import dev.arca.model.json.Json;
import dev.arca.model.rvps.ReferenceValue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference-value table (db/migration/V1, V2). Plain SQL that runs on H2 (PostgreSQL mode) and PostgreSQL. Reads
 * take the instant to judge expiry by, so an expired value is never returned (unlike upstream, Trustee rvps/README.md,
 * which does not enforce expiration).
 */
@Repository
public class ReferenceValueStore {

    /** Decimals read back as written (the value column holds the JSON text verbatim). */
    private static final JsonMapper VALUE_MAPPER = Json.MAPPER.rebuild()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final String COLUMNS = "name, version, value_json, expiration";
    private static final String COLUMNS_WITH_PROVENANCE =
            COLUMNS + ", message_type, extractor, signer_key_id, registered_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public ReferenceValueStore(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Stores every value, replacing any of the same name (no merge, no history), in one transaction: either
     * all are stored or none.
     */
    public void registerAll(List<ReferenceValue> values, Provenance provenance) {
        transactions.executeWithoutResult(status -> values.forEach(value -> store(value, provenance)));
    }

    private void store(ReferenceValue value, Provenance provenance) {
        // update-then-insert instead of a dialect-specific upsert; a concurrent first insert of the same name
        // fails this transaction with a duplicate key, which the caller sees as a conflict to retry
        Row row = toRow(value, provenance);
        int updated = jdbc.sql("""
                UPDATE reference_value
                   SET version = :version, value_json = :value, expiration = :expiration,
                       message_type = :type, extractor = :extractor, signer_key_id = :signer,
                       registered_at = :registered
                 WHERE name = :name""")
                .paramSource(row)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO reference_value
                           (name, version, value_json, expiration, message_type, extractor, signer_key_id,
                            registered_at)
                    VALUES (:name, :version, :value, :expiration, :type, :extractor, :signer, :registered)""")
                    .paramSource(row)
                    .update();
        }
    }

    public Optional<ReferenceValue> find(String name, Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reference_value WHERE name = :name AND expiration > :now")
                .param("name", name)
                .param("now", utc(now))
                .query(ReferenceValueStore::fromRow)
                .optional();
    }

    /** Unexpired values whose name starts with {@code prefix}, by name. */
    public List<ReferenceValue> list(String prefix, Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reference_value"
                        + " WHERE name LIKE :pattern ESCAPE '\\' AND expiration > :now ORDER BY name")
                .param("pattern", likeEscape(prefix) + "%")
                .param("now", utc(now))
                .query(ReferenceValueStore::fromRow)
                .list();
    }

    /** As {@link #find}, with the provenance of the value's registration. */
    public Optional<StoredReferenceValue> findWithProvenance(String name, Instant now) {
        return jdbc.sql("SELECT " + COLUMNS_WITH_PROVENANCE + " FROM reference_value"
                        + " WHERE name = :name AND expiration > :now")
                .param("name", name)
                .param("now", utc(now))
                .query(ReferenceValueStore::storedFromRow)
                .optional();
    }

    /** As {@link #list}, with the provenance of each value's registration. */
    public List<StoredReferenceValue> listWithProvenance(String prefix, Instant now) {
        return jdbc.sql("SELECT " + COLUMNS_WITH_PROVENANCE + " FROM reference_value"
                        + " WHERE name LIKE :pattern ESCAPE '\\' AND expiration > :now ORDER BY name")
                .param("pattern", likeEscape(prefix) + "%")
                .param("now", utc(now))
                .query(ReferenceValueStore::storedFromRow)
                .list();
    }

    /** Removes the value, expired or not; false when there was none. */
    public boolean delete(String name) {
        return jdbc.sql("DELETE FROM reference_value WHERE name = :name").param("name", name).update() > 0;
    }

    private static Row toRow(ReferenceValue value, Provenance provenance) {
        return new Row(value.name(), value.version(), VALUE_MAPPER.writeValueAsString(value.value()),
                utc(value.expiration()), provenance.messageType(), provenance.extractor(),
                provenance.signerKeyId(), utc(provenance.registeredAt()));
    }

    /** Named parameters of the write statements (JdbcClient reads them from the record's accessors). */
    private record Row(String name, String version, String value, OffsetDateTime expiration, String type,
                       String extractor, String signer, OffsetDateTime registered) {
    }

    private static ReferenceValue fromRow(ResultSet rs, int rowNum) throws SQLException {
        return new ReferenceValue(
                rs.getString("version"),
                rs.getString("name"),
                rs.getObject("expiration", OffsetDateTime.class).toInstant(),
                VALUE_MAPPER.readTree(rs.getString("value_json")));
    }

    private static StoredReferenceValue storedFromRow(ResultSet rs, int rowNum) throws SQLException {
        ReferenceValue value = fromRow(rs, rowNum);
        Provenance provenance = new Provenance(
                rs.getString("message_type"),
                rs.getString("extractor"),
                rs.getString("signer_key_id"),
                rs.getObject("registered_at", OffsetDateTime.class).toInstant());
        return new StoredReferenceValue(value.version(), value.name(), value.expiration(), value.value(), provenance);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Makes {@code %}, {@code _} and the escape character itself match literally. */
    private static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
