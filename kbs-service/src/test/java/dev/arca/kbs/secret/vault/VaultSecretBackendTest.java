package dev.arca.kbs.secret.vault;

import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.secret.SecretBackend;
import dev.arca.kbs.secret.SecretBackendContract;
import dev.arca.kbs.secret.SecretBackendUnavailableException;
import dev.arca.kbs.secret.SecretsProperties;
import dev.arca.kbs.testing.FakeVaultKv2Server;
import dev.arca.model.resource.ResourcePath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Vault backend through Spring Vault against {@link FakeVaultKv2Server} (a fake: no Vault runs here), with each
 * authentication method, and what the KBS does when Vault is sealed, slow or refuses it.
 */
class VaultSecretBackendTest extends SecretBackendContract {

    @TempDir
    Path dir;

    private final FakeVaultKv2Server vault = new FakeVaultKv2Server("kv");
    private VaultConnection connection;

    @Override
    protected SecretBackend emptyWritableBackend() throws Exception {
        return open(token(FakeVaultKv2Server.ROOT_TOKEN), "arca/kbs");
    }

    @AfterEach
    void close() {
        if (connection != null) {
            connection.close();
        }
        vault.close();
    }

    private SecretBackend open(SecretsProperties.Vault settings, String prefix) {
        connection = VaultConnection.open(settings);
        return new VaultSecretBackend(connection.template(), settings.mount(), prefix);
    }

    private SecretsProperties.Vault token(String token) throws Exception {
        return settings(SecretsProperties.VaultAuthMethod.TOKEN, Files.writeString(dir.resolve("token"), token),
                null, null, Duration.ofSeconds(2));
    }

    private SecretsProperties.Vault settings(SecretsProperties.VaultAuthMethod auth, Path tokenFile, String role,
            Path credentialFile, Duration readTimeout) {
        return new SecretsProperties.Vault(vault.uri(), "kv", "", auth, tokenFile, "approle",
                auth == SecretsProperties.VaultAuthMethod.APPROLE ? role : null,
                auth == SecretsProperties.VaultAuthMethod.APPROLE ? credentialFile : null, "kubernetes",
                auth == SecretsProperties.VaultAuthMethod.KUBERNETES ? role : null,
                auth == SecretsProperties.VaultAuthMethod.KUBERNETES ? credentialFile : dir.resolve("none"),
                null, Duration.ofSeconds(1), readTimeout);
    }

    @Test
    void secretsLiveUnderThePrefixInUpstreamsShape() {
        backend().put(KEY, new byte[] {0, 1, (byte) 0xff});
        assertThat(vault.raw("arca/kbs/default/key/one")).isEqualTo(Map.of("data", List.of(0, 1, 255)));
    }

    @Test
    void aValueStoredAsTextByVaultKvPutIsReadAsItsUtf8Bytes() {
        vault.putRaw("arca/kbs/default/key/one", Map.of("data", "päss"));
        assertThat(backend().get(KEY)).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("päss")));
    }

    @Test
    void anEntryWithoutAUsableValueIsNotReleased() {
        vault.putRaw("arca/kbs/default/key/one", Map.of("data", 42));
        assertThatThrownBy(() -> backend().get(KEY)).isInstanceOf(KbsException.class)
                .satisfies(e -> assertThat(((KbsException) e).status()).isEqualTo(500));
        vault.putRaw("arca/kbs/default/key/one", Map.of("data", List.of(1, 300)));
        assertThatThrownBy(() -> backend().get(KEY)).isInstanceOf(KbsException.class);
    }

    @Test
    void appRoleLogsInWithTheSecretIdFromItsFile() throws Exception {
        SecretBackend approle = open(settings(SecretsProperties.VaultAuthMethod.APPROLE, null,
                FakeVaultKv2Server.ROLE_ID, Files.writeString(dir.resolve("secret-id"), FakeVaultKv2Server.SECRET_ID),
                Duration.ofSeconds(2)), "");
        approle.put(KEY, utf8("via approle"));
        assertThat(approle.get(KEY)).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("via approle")));
        assertThat(vault.logins()).isEqualTo(1);
    }

    @Test
    void kubernetesAuthLogsInWithTheServiceAccountToken() throws Exception {
        SecretBackend kubernetes = open(settings(SecretsProperties.VaultAuthMethod.KUBERNETES, null,
                FakeVaultKv2Server.KUBERNETES_ROLE,
                Files.writeString(dir.resolve("sa-token"), FakeVaultKv2Server.SERVICE_ACCOUNT_JWT),
                Duration.ofSeconds(2)), "");
        kubernetes.put(KEY, utf8("via kubernetes"));
        assertThat(kubernetes.get(KEY)).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("via kubernetes")));
        assertThat(vault.logins()).isEqualTo(1);
    }

    @Test
    void aRefusedLoginOrTokenIsUnavailableWithoutTheCredentialInTheMessage() throws Exception {
        SecretBackend wrongSecretId = open(settings(SecretsProperties.VaultAuthMethod.APPROLE, null,
                FakeVaultKv2Server.ROLE_ID, Files.writeString(dir.resolve("bad-secret-id"), "wrong-secret-id"),
                Duration.ofSeconds(2)), "");
        assertThatThrownBy(() -> wrongSecretId.get(KEY)).isInstanceOf(SecretBackendUnavailableException.class)
                .hasMessageNotContaining("wrong-secret-id");
        connection.close();
        SecretBackend unknownToken = open(token("revoked-token"), "");
        assertThatThrownBy(() -> unknownToken.get(KEY)).isInstanceOf(SecretBackendUnavailableException.class)
                .hasMessageNotContaining("revoked-token");
    }

    @Test
    void aSealedVaultIsUnavailable() {
        backend().put(KEY, utf8("s3cret"));
        vault.sealed(true);
        assertThatThrownBy(() -> backend().get(KEY)).isInstanceOf(SecretBackendUnavailableException.class)
                .satisfies(e -> assertThat(((KbsException) e).status()).isEqualTo(503));
        assertThatThrownBy(() -> backend().list("", 10)).isInstanceOf(SecretBackendUnavailableException.class);
        vault.sealed(false);
        assertThat(backend().get(KEY)).isPresent();
    }

    @Test
    void aVaultSlowerThanTheReadTimeoutIsUnavailable() throws Exception {
        SecretBackend impatient = open(settings(SecretsProperties.VaultAuthMethod.TOKEN,
                Files.writeString(dir.resolve("t"), FakeVaultKv2Server.ROOT_TOKEN), null, null,
                Duration.ofMillis(200)), "");
        vault.delay(Duration.ofSeconds(2));
        assertThatThrownBy(() -> impatient.get(new ResourcePath("default", "key", "slow")))
                .isInstanceOf(SecretBackendUnavailableException.class);
    }

    @Test
    void missingSettingsStopTheStartWithTheirName() {
        assertThatThrownBy(() -> VaultConnection.open(settings(SecretsProperties.VaultAuthMethod.APPROLE, null, null,
                null, Duration.ofSeconds(1)))).hasMessageContaining("arca.kbs.secrets.vault.role-id");
        assertThatThrownBy(() -> VaultConnection.open(settings(SecretsProperties.VaultAuthMethod.TOKEN, null, null,
                null, Duration.ofSeconds(1)))).hasMessageContaining("arca.kbs.secrets.vault.token-file");
    }
}
