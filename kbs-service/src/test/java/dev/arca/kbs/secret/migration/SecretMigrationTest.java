package dev.arca.kbs.secret.migration;

import dev.arca.kbs.secret.SecretBackend;
import dev.arca.kbs.secret.SecretMetadata;
import dev.arca.kbs.secret.database.DatabaseSecretBackend;
import dev.arca.kbs.secret.database.KeyEncryptionKey;
import dev.arca.kbs.secret.database.SecretCipher;
import dev.arca.kbs.secret.directory.DirectorySecretBackend;
import dev.arca.kbs.testing.TestPostgres;
import dev.arca.model.resource.ResourcePath;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Copying every secret between backends: dry run, idempotence, and the command as an operator runs it. */
class SecretMigrationTest {

    /**
     * The command quiets logging to warnings, as a command-line tool should; Logback's levels are global to the JVM,
     * so the tests keep INFO for the KBS contexts of other test classes (whose audit lines are asserted).
     */
    static final String KEEP_LOG_LEVEL = "--logging.level.root=INFO";
    static final ResourcePath ONE = new ResourcePath("default", "key", "one");
    static final ResourcePath TWO = new ResourcePath("tenant-a", "cert", "two");

    @TempDir
    Path dir;

    private SecretBackend database() throws Exception {
        return new DatabaseSecretBackend(JdbcClient.create(TestPostgres.migratedH2("migration" + System.nanoTime())),
                new SecretCipher(KeyEncryptionKey.load(dir.resolve("kek"), true)), Clock.systemUTC());
    }

    @Test
    void aDryRunWritesNothingAndARepeatedRunCopiesNothing() throws Exception {
        DirectorySecretBackend from = new DirectorySecretBackend(dir.resolve("from"), false, 1 << 20);
        from.put(ONE, utf8("one"));
        from.put(TWO, utf8("two"));
        SecretBackend to = database();
        to.put(TWO, utf8("an older two"));
        to.put(new ResourcePath("only", "in", "target"), utf8("kept"));

        List<String> lines = new ArrayList<>();
        SecretMigration.Report dry = SecretMigration.copy(from, to, true, lines::add);
        assertThat(dry).isEqualTo(new SecretMigration.Report(2, 2, 0, true));
        assertThat(lines).containsExactly("would copy default/key/one",
                "would copy tenant-a/cert/two (replacing a different value)");
        assertThat(to.get(ONE)).isEmpty();
        assertThat(to.get(TWO)).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("an older two")));

        assertThat(SecretMigration.copy(from, to, false, line -> { })).isEqualTo(new SecretMigration.Report(2, 2, 0,
                false));
        assertThat(to.get(ONE)).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("one")));
        assertThat(to.get(TWO)).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("two")));
        assertThat(to.list("", 10)).extracting(SecretMetadata::resource).contains("only/in/target");

        assertThat(SecretMigration.copy(from, to, false, line -> { })).isEqualTo(new SecretMigration.Report(2, 0, 2,
                false));
    }

    @Test
    void aReadOnlyTargetIsRefusedBeforeAnythingIsRead() throws Exception {
        Files.createDirectories(dir.resolve("ro"));
        DirectorySecretBackend readOnly = new DirectorySecretBackend(dir.resolve("ro"), true, 1024);
        assertThatThrownBy(() -> SecretMigration.copy(database(), readOnly, false, line -> { }))
                .hasMessageContaining("read-only");
    }

    @Test
    void theCommandCopiesTheKbsDatabaseIntoADirectory() throws Exception {
        Path data = dir.resolve("data");
        String[] kbs = {"--arca.data-dir=" + data, "--spring.jmx.enabled=false", KEEP_LOG_LEVEL};
        // a first run creates the database and its KEK, as the KBS would; then a secret is stored in it
        Path seed = Files.createDirectories(dir.resolve("seed/default/key"));
        Files.writeString(seed.resolve("one"), "from the database");
        assertThat(run(kbs, "--arca.kbs.secrets.migrate-from.backend=directory",
                "--arca.kbs.secrets.migrate-from.directory.path=" + dir.resolve("seed"),
                "--arca.kbs.secrets.migrate-to.backend=database")).contains("copied 1 to the database backend");

        String dry = run(kbs, "--dry-run", "--arca.kbs.secrets.migrate-to.backend=directory",
                "--arca.kbs.secrets.migrate-to.directory.path=" + dir.resolve("out"),
                "--arca.kbs.secrets.migrate-to.directory.read-only=false");
        assertThat(dry).contains("would copy default/key/one").contains("(dry run: nothing written)");
        assertThat(dir.resolve("out/default/key/one")).doesNotExist();

        String copied = run(kbs, "--arca.kbs.secrets.migrate-to.backend=directory",
                "--arca.kbs.secrets.migrate-to.directory.path=" + dir.resolve("out"),
                "--arca.kbs.secrets.migrate-to.directory.read-only=false");
        assertThat(copied).contains("1 secret(s) in the database backend; copied 1 to the directory backend")
                .doesNotContain("from the database");
        assertThat(dir.resolve("out/default/key/one")).hasContent("from the database");
    }

    @Test
    void usageErrorsExitWith2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(SecretMigrationCommand.run(new String[] {"--arca.data-dir=" + dir, "--spring.jmx.enabled=false",
                KEEP_LOG_LEVEL},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("arca.kbs.secrets.migrate-to.backend");
        assertThat(SecretMigrationCommand.run(new String[] {"stray"}, System.out, new PrintStream(err))).isEqualTo(2);
    }

    private static String run(String[] kbs, String... args) {
        List<String> all = new ArrayList<>(List.of(kbs));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SecretMigrationCommand.run(all.toArray(String[]::new), new PrintStream(out), new PrintStream(err));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
