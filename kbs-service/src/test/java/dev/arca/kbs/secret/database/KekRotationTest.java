package dev.arca.kbs.secret.database;

import dev.arca.kbs.testing.TestPostgres;
import dev.arca.model.resource.ResourcePath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rotating the KEK re-encrypts what is stored (docs/kbs.md "Rotating the KEK"), on a real database. */
class KekRotationTest {

    @TempDir
    Path dir;

    static final ResourcePath ONE = new ResourcePath("default", "key", "one");
    static final ResourcePath TWO = new ResourcePath("tenant-a", "key", "two");

    @Test
    void startingWithThePreviousKekReencryptsEverySecretUnderTheNewOne() throws Exception {
        DataSource database = TestPostgres.migratedH2("kek" + System.nanoTime());
        JdbcClient jdbc = JdbcClient.create(database);
        KeyEncryptionKey oldKek = KeyEncryptionKey.load(dir.resolve("old"), true);
        KeyEncryptionKey newKek = KeyEncryptionKey.load(dir.resolve("new"), true);
        KeyEncryptionKey strayKek = KeyEncryptionKey.load(dir.resolve("stray"), true);

        DatabaseSecretBackend before = new DatabaseSecretBackend(jdbc, new SecretCipher(oldKek), Clock.systemUTC());
        before.put(ONE, "first secret".getBytes(StandardCharsets.UTF_8));
        before.put(TWO, "second secret".getBytes(StandardCharsets.UTF_8));
        new DatabaseSecretBackend(jdbc, new SecretCipher(strayKek), Clock.systemUTC())
                .put(new ResourcePath("lost", "key", "x"), "x".getBytes(StandardCharsets.UTF_8));
        List<byte[]> oldCiphertexts = jdbc.sql("SELECT ciphertext FROM kbs_resource ORDER BY repository")
                .query((rs, n) -> rs.getBytes(1)).list();

        DatabaseSecretBackend newOnly = new DatabaseSecretBackend(jdbc, new SecretCipher(newKek), Clock.systemUTC());
        assertThatThrownBy(() -> newOnly.get(ONE)).hasMessageContaining("cannot be decrypted");

        SecretCipher rotating = new SecretCipher(newKek, oldKek);
        DatabaseSecretBackend during = new DatabaseSecretBackend(jdbc, rotating, Clock.systemUTC());
        // while rotating, both keys open what is stored
        assertThat(during.get(ONE)).contains("first secret".getBytes(StandardCharsets.UTF_8));
        assertThat(new KekRotation(during).rotate()).isEqualTo(2);
        // a second run (another replica) finds nothing left to do
        assertThat(new KekRotation(during).rotate()).isZero();
        assertThat(during.countUnreadable()).isEqualTo(1);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM kbs_resource WHERE key_id = ?").param(newKek.id())
                .query(Integer.class).single()).isEqualTo(2);
        List<byte[]> newCiphertexts = jdbc.sql("SELECT ciphertext FROM kbs_resource ORDER BY repository")
                .query((rs, n) -> rs.getBytes(1)).list();
        assertThat(newCiphertexts.get(0)).isNotEqualTo(oldCiphertexts.get(0));
        // the old key is no longer needed
        assertThat(newOnly.get(ONE)).contains("first secret".getBytes(StandardCharsets.UTF_8));
        assertThat(newOnly.get(TWO)).contains("second secret".getBytes(StandardCharsets.UTF_8));
        DatabaseSecretBackend oldOnly = new DatabaseSecretBackend(jdbc, new SecretCipher(oldKek), Clock.systemUTC());
        assertThatThrownBy(() -> oldOnly.get(ONE)).hasMessageContaining("cannot be decrypted");
    }

    @Test
    void thePreviousKekMustDifferFromTheCurrentOne() throws Exception {
        KeyEncryptionKey kek = KeyEncryptionKey.load(dir.resolve("kek"), true);
        assertThatThrownBy(() -> new SecretCipher(kek, KeyEncryptionKey.load(dir.resolve("kek"), false)))
                .hasMessageContaining("nothing to rotate");
    }
}
