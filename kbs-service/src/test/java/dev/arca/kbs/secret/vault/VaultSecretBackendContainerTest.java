package dev.arca.kbs.secret.vault;

import dev.arca.kbs.secret.SecretBackend;
import dev.arca.kbs.secret.SecretBackendContract;
import dev.arca.kbs.secret.SecretsProperties;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.vault.VaultContainer;

/**
 * The contract against a real Vault ({@code hashicorp/vault}, dev mode: KV v2 mounted at {@code secret}); needs Docker
 * and is skipped without it (Testcontainers' {@code disabledWithoutDocker}).
 */
@Testcontainers(disabledWithoutDocker = true)
class VaultSecretBackendContainerTest extends SecretBackendContract {

    private static final String ROOT_TOKEN = "arca-test-root";

    @Container
    static final VaultContainer<?> VAULT = new VaultContainer<>("hashicorp/vault:1.20").withVaultToken(ROOT_TOKEN);

    @TempDir
    Path dir;

    private VaultConnection connection;

    @Override
    protected SecretBackend emptyWritableBackend() throws Exception {
        SecretsProperties.Vault settings = new SecretsProperties.Vault(URI.create(VAULT.getHttpHostAddress()),
                "secret", "", SecretsProperties.VaultAuthMethod.TOKEN,
                Files.writeString(dir.resolve("token"), ROOT_TOKEN), "approle", null, null, "kubernetes", null,
                dir.resolve("none"), null, Duration.ofSeconds(2), Duration.ofSeconds(5));
        connection = VaultConnection.open(settings);
        // each test gets its own folder, so the tests see an empty store
        return new VaultSecretBackend(connection.template(), "secret", "test-" + System.nanoTime());
    }

    @AfterEach
    void close() {
        connection.close();
    }
}
