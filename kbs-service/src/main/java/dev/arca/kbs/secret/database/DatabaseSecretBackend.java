package dev.arca.kbs.secret.database;

import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.secret.SecretBackend;
import dev.arca.kbs.secret.SecretBackendUnavailableException;
import dev.arca.kbs.secret.SecretMetadata;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.resource.ResourcePath;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code database} secret backend: secrets by repository/type/tag in table {@code kbs_resource} of the KBS
 * database, encrypted at rest with AES-256-GCM under the key-encryption key ({@link SecretCipher}; the KEK from a file
 * or an HSM). Only validated {@link ResourcePath}s reach it, and every value goes through bind parameters. A database
 * that cannot be reached is reported as {@link SecretBackendUnavailableException}.
 */
public class DatabaseSecretBackend implements SecretBackend {

    private static final Logger log = LoggerFactory.getLogger(DatabaseSecretBackend.class);

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final Clock clock;

    public DatabaseSecretBackend(JdbcClient jdbc, SecretCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** The cipher, for {@link KekRotation}. */
    SecretCipher cipher() {
        return cipher;
    }

    /** The id of the KEK new secrets are sealed under. */
    public String kekId() {
        return cipher.keyId();
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public boolean writable() {
        return true;
    }

    /**
     * Creates or overwrites (upstream semantics, Trustee resource_storage_backend.md): update, else insert, else (a
     * concurrent insert won) update again. Plain statements rather than one transaction, because a failed insert aborts
     * a PostgreSQL transaction.
     */
    @Override
    public void put(ResourcePath path, byte[] secret) {
        reachable(() -> {
            upsert(path, secret);
            return null;
        });
    }

    private void upsert(ResourcePath path, byte[] secret) {
        SecretCipher.Sealed sealed = cipher.seal(path, secret);
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        int updated = update(path, sealed, now);
        if (updated == 0) {
            try {
                jdbc.sql("""
                        INSERT INTO kbs_resource
                            (repository, type, tag, ciphertext, nonce, key_id, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(path.repository(), path.type(), path.tag(), sealed.ciphertext(), sealed.nonce(),
                                sealed.keyId(), now, now)
                        .update();
            } catch (DuplicateKeyException raced) {
                update(path, sealed, now);
            }
        }
    }

    private int update(ResourcePath path, SecretCipher.Sealed sealed, OffsetDateTime now) {
        return jdbc.sql("""
                UPDATE kbs_resource SET ciphertext = ?, nonce = ?, key_id = ?, updated_at = ?
                WHERE repository = ? AND type = ? AND tag = ?""")
                .params(sealed.ciphertext(), sealed.nonce(), sealed.keyId(), now,
                        path.repository(), path.type(), path.tag())
                .update();
    }

    @Override
    public Optional<byte[]> get(ResourcePath path) {
        Optional<SecretCipher.Sealed> row = reachable(() -> jdbc.sql("""
                SELECT ciphertext, nonce, key_id FROM kbs_resource
                WHERE repository = ? AND type = ? AND tag = ?""")
                .params(path.repository(), path.type(), path.tag())
                .query((rs, n) -> new SecretCipher.Sealed(rs.getBytes(1), rs.getBytes(2), rs.getString(3)))
                .optional());
        return row.map(sealed -> open(path, sealed));
    }

    /**
     * Metadata of the stored secrets whose path starts with {@code prefix} (repo/type/tag order), at most
     * {@code limit}. The size is the plaintext length (ciphertext minus the 16-byte GCM tag).
     */
    @Override
    public List<SecretMetadata> list(String prefix, int limit) {
        String pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return reachable(() -> jdbc.sql("""
                SELECT repository, type, tag, OCTET_LENGTH(ciphertext), key_id, created_at, updated_at FROM kbs_resource
                WHERE repository || '/' || type || '/' || tag LIKE ? ESCAPE '\\'
                ORDER BY repository, type, tag LIMIT ?""")
                .params(pattern, limit)
                .query((rs, n) -> new SecretMetadata(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3),
                        Math.max(0, rs.getInt(4) - 16), rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class).toInstant(),
                        rs.getObject(7, OffsetDateTime.class).toInstant()))
                .list());
    }

    @Override
    public boolean delete(ResourcePath path) {
        return reachable(() -> jdbc.sql("DELETE FROM kbs_resource WHERE repository = ? AND type = ? AND tag = ?")
                .params(path.repository(), path.type(), path.tag())
                .update() > 0);
    }

    /**
     * Re-encrypts every secret sealed under the KEK being rotated out with the current KEK (docs/kbs.md "Rotating the
     * KEK"). Each row is updated only if it still carries the old KEK id, so replicas doing this at the same time do
     * not overwrite each other. Returns how many rows this call re-encrypted.
     */
    public int reencryptPrevious() {
        String previous = cipher.previousKeyId();
        if (previous == null) {
            return 0;
        }
        List<ResourcePath> paths = jdbc.sql("SELECT repository, type, tag FROM kbs_resource WHERE key_id = ?")
                .param(previous)
                .query((rs, n) -> new ResourcePath(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
        int done = 0;
        for (ResourcePath path : paths) {
            Optional<SecretCipher.Sealed> row = jdbc.sql("""
                    SELECT ciphertext, nonce, key_id FROM kbs_resource
                    WHERE repository = ? AND type = ? AND tag = ? AND key_id = ?""")
                    .params(path.repository(), path.type(), path.tag(), previous)
                    .query((rs, n) -> new SecretCipher.Sealed(rs.getBytes(1), rs.getBytes(2), rs.getString(3)))
                    .optional();
            if (row.isEmpty()) {
                continue;
            }
            byte[] plaintext = cipher.open(path, row.get());
            try {
                SecretCipher.Sealed sealed = cipher.seal(path, plaintext);
                done += jdbc.sql("""
                        UPDATE kbs_resource SET ciphertext = ?, nonce = ?, key_id = ?
                        WHERE repository = ? AND type = ? AND tag = ? AND key_id = ?""")
                        .params(sealed.ciphertext(), sealed.nonce(), sealed.keyId(), path.repository(), path.type(),
                                path.tag(), previous)
                        .update();
            } finally {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
        return done;
    }

    /** How many stored secrets are sealed under a KEK that is neither the current nor the previous one. */
    public int countUnreadable() {
        String previous = cipher.previousKeyId();
        return jdbc.sql("SELECT COUNT(*) FROM kbs_resource WHERE key_id <> ? AND key_id <> ?")
                .params(cipher.keyId(), previous == null ? cipher.keyId() : previous)
                .query(Integer.class).single();
    }

    /**
     * Runs a statement, turning "the database is not there" (no connection, a dropped connection, a failover) into
     * the retryable 503 of the seam; other data-access errors stay what they are (a bug, answered 500).
     */
    private static <T> T reachable(Supplier<T> statement) {
        try {
            return statement.get();
        } catch (DataAccessResourceFailureException
                | TransientDataAccessException | RecoverableDataAccessException e) {
            log.warn("secret database unavailable: {}", e.getClass().getSimpleName());
            throw new SecretBackendUnavailableException("the secret database is unavailable", e);
        }
    }

    private byte[] open(ResourcePath path, SecretCipher.Sealed sealed) {
        try {
            return cipher.open(path, sealed);
        } catch (IllegalStateException e) {
            log.error("cannot decrypt stored resource: {}", e.getMessage());
            throw new KbsException(KbsErrorType.PluginInternalError, "the stored resource cannot be decrypted");
        }
    }
}
