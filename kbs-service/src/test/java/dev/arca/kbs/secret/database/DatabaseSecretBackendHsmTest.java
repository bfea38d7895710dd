package dev.arca.kbs.secret.database;

import dev.arca.kbs.config.ArcaProperties;
import dev.arca.kbs.config.KbsProperties;
import dev.arca.kbs.secret.SecretBackend;
import dev.arca.kbs.secret.SecretBackendContract;
import dev.arca.kbs.testing.SoftHsmToken;
import dev.arca.kbs.testing.TestPostgres;
import dev.arca.model.resource.ResourcePath;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database backend with its key-encryption key in a real SoftHSM2 token through SunPKCS11: the contract, a key
 * that never leaves the token, and moving the KEK from a file into the HSM by rotation. Skipped (one line) without
 * SoftHSM2.
 */
class DatabaseSecretBackendHsmTest extends SecretBackendContract {

    @TempDir
    Path dir;

    @Override
    protected SecretBackend emptyWritableBackend() throws Exception {
        SoftHsmToken token = SoftHsmToken.get();
        token.createAesKey("contract-kek");
        return new DatabaseSecretBackend(JdbcClient.create(TestPostgres.migratedH2("hsm" + System.nanoTime())),
                DatabaseKeys.cipher(arca(), kbs(Map.of()), token.properties("contract-kek", null)),
                Clock.systemUTC());
    }

    @Test
    void theKeyStaysInTheTokenAndKeepsItsIdAcrossStarts() throws Exception {
        SoftHsmToken token = SoftHsmToken.get();
        token.createAesKey("kek-a");
        token.createAesKey("kek-b");
        KeyEncryptionKey a = Pkcs11Kek.open(token.properties("kek-a", null)).key("kek-a");
        KeyEncryptionKey again = Pkcs11Kek.open(token.properties("kek-a", null)).key("kek-a");
        KeyEncryptionKey b = Pkcs11Kek.open(token.properties("kek-b", null)).key("kek-b");

        assertThat(a.key().getEncoded()).as("a sensitive HSM key cannot be read out").isNull();
        assertThat(a.id()).hasSize(16).isEqualTo(again.id()).isNotEqualTo(b.id());
        // what one opening of the token sealed, another opens
        ResourcePath path = new ResourcePath("default", "key", "hsm");
        SecretCipher.Sealed sealed = new SecretCipher(a).seal(path, utf8("in the HSM"));
        assertThat(new SecretCipher(again).open(path, sealed)).isEqualTo(utf8("in the HSM"));
        assertThatThrownBy(() -> new SecretCipher(b).open(path, sealed)).hasMessageContaining("KEK");
    }

    @Test
    void aFileKekIsMovedIntoTheHsmByRotation() throws Exception {
        SoftHsmToken token = SoftHsmToken.get();
        token.createAesKey("kek-target");
        JdbcClient jdbc = JdbcClient.create(TestPostgres.migratedH2("to-hsm" + System.nanoTime()));
        Path kekFile = dir.resolve("kek");
        SecretCipher fileCipher = new SecretCipher(KeyEncryptionKey.load(kekFile, true));
        new DatabaseSecretBackend(jdbc, fileCipher, Clock.systemUTC()).put(KEY, utf8("moved"));

        SecretCipher rotating = DatabaseKeys.cipher(arca(), kbs(Map.of("arca.kbs.kek-previous-file",
                kekFile.toString())), token.properties("kek-target", null));
        DatabaseSecretBackend during = new DatabaseSecretBackend(jdbc, rotating, Clock.systemUTC());
        assertThat(new KekRotation(during).rotate()).isEqualTo(1);

        DatabaseSecretBackend hsmOnly = new DatabaseSecretBackend(jdbc, DatabaseKeys.cipher(arca(), kbs(Map.of()),
                token.properties("kek-target", null)), Clock.systemUTC());
        assertThat(hsmOnly.get(KEY)).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("moved")));
        assertThat(hsmOnly.list("", 1)).singleElement()
                .satisfies(entry -> assertThat(entry.kekId()).isEqualTo(hsmOnly.kekId()));
        assertThatThrownBy(() -> new DatabaseSecretBackend(jdbc, fileCipher, Clock.systemUTC()).get(KEY))
                .hasMessageContaining("cannot be decrypted");
    }

    @Test
    void anAbsentLabelStopsTheStartWithItsName() throws Exception {
        SoftHsmToken token = SoftHsmToken.get();
        assertThatThrownBy(() -> DatabaseKeys.cipher(arca(), kbs(Map.of()), token.properties("no-such-key", null)))
                .hasMessageContaining("no AES key labelled 'no-such-key'");
    }

    private ArcaProperties arca() {
        return new ArcaProperties(dir.resolve("data"));
    }

    private static KbsProperties kbs(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("arca.kbs", KbsProperties.class);
    }
}
