package dev.arca.kbs.resource;

import dev.arca.kbs.error.KbsException;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.resource.ResourcePath;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Secrets by repository/type/tag in table {@code kbs_resource}, encrypted at rest. Only validated {@link ResourcePath}s
 * reach it, and every value goes through bind parameters (specs/kbs.md §9 item 1).
 */
@Repository
public class ResourceStore {

    private static final Logger log = LoggerFactory.getLogger(ResourceStore.class);

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final Clock clock;

    public ResourceStore(JdbcClient jdbc, SecretCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * Creates or overwrites (upstream semantics, specs/kbs.md §4.3): update, else insert, else (a concurrent insert
     * won) update again. Plain statements rather than one transaction, because a failed insert aborts a PostgreSQL
     * transaction.
     */
    public void put(ResourcePath path, byte[] secret) {
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

    public Optional<byte[]> get(ResourcePath path) {
        Optional<SecretCipher.Sealed> row = jdbc.sql("""
                SELECT ciphertext, nonce, key_id FROM kbs_resource
                WHERE repository = ? AND type = ? AND tag = ?""")
                .params(path.repository(), path.type(), path.tag())
                .query((rs, n) -> new SecretCipher.Sealed(rs.getBytes(1), rs.getBytes(2), rs.getString(3)))
                .optional();
        return row.map(sealed -> open(path, sealed));
    }

    public boolean delete(ResourcePath path) {
        return jdbc.sql("DELETE FROM kbs_resource WHERE repository = ? AND type = ? AND tag = ?")
                .params(path.repository(), path.type(), path.tag())
                .update() > 0;
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
