package dev.arca.kbs.secret.database;

import dev.arca.kbs.secret.SecretBackend;
import dev.arca.kbs.secret.SecretBackendContract;
import dev.arca.kbs.secret.SecretBackendUnavailableException;
import dev.arca.kbs.testing.TestPostgres;
import dev.arca.model.resource.ResourcePath;
import java.nio.file.Path;
import java.time.Clock;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database backend on H2 (the default embedded database), with a KEK from a file. */
class DatabaseSecretBackendH2Test extends SecretBackendContract {

    @TempDir
    Path dir;

    @Override
    protected SecretBackend emptyWritableBackend() throws Exception {
        return new DatabaseSecretBackend(JdbcClient.create(TestPostgres.migratedH2("secrets" + System.nanoTime())),
                new SecretCipher(KeyEncryptionKey.load(dir.resolve("kek"), true)), Clock.systemUTC());
    }

    @Test
    void theMetadataNamesTheKekAndTheValueIsEncryptedAtRest() throws Exception {
        JdbcClient jdbc = JdbcClient.create(TestPostgres.migratedH2("at-rest" + System.nanoTime()));
        KeyEncryptionKey kek = KeyEncryptionKey.load(dir.resolve("kek2"), true);
        DatabaseSecretBackend backend = new DatabaseSecretBackend(jdbc, new SecretCipher(kek), Clock.systemUTC());
        backend.put(KEY, utf8("plain secret value"));
        assertThat(backend.list("", 10)).singleElement().satisfies(entry -> {
            assertThat(entry.kekId()).isEqualTo(kek.id());
            assertThat(entry.size()).isEqualTo(18);
            assertThat(entry.createdAt()).isNotNull();
        });
        byte[] stored = jdbc.sql("SELECT ciphertext FROM kbs_resource").query((rs, n) -> rs.getBytes(1)).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("plain secret");
    }

    @Test
    void aDatabaseThatCannotBeReachedIsUnavailableNotAnInternalError() {
        JdbcDataSource nowhere = new JdbcDataSource();
        // a TCP H2 URL on a port nothing listens on: the connection is refused
        nowhere.setURL("jdbc:h2:tcp://127.0.0.1:1/nothing");
        DatabaseSecretBackend backend = new DatabaseSecretBackend(JdbcClient.create(nowhere),
                new SecretCipher(new KeyEncryptionKey(new byte[32])), Clock.systemUTC());
        ResourcePath path = new ResourcePath("default", "key", "x");
        assertThatThrownBy(() -> backend.get(path)).isInstanceOf(SecretBackendUnavailableException.class)
                .hasMessageNotContaining("nothing");
        assertThatThrownBy(() -> backend.put(path, new byte[] {1})).isInstanceOf(SecretBackendUnavailableException.class);
        assertThatThrownBy(() -> backend.list("", 1)).isInstanceOf(SecretBackendUnavailableException.class);
        assertThatThrownBy(() -> backend.delete(path)).isInstanceOf(SecretBackendUnavailableException.class);
    }
}
