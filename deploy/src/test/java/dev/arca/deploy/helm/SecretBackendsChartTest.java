package dev.arca.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** kbs.secrets: the backend the KBS is told to use, and what each one mounts (docs/secret-backends.md). */
class SecretBackendsChartTest {

    @Test
    void theDefaultIsTheDatabase() {
        Manifests manifests = ArcaChart.get().render(ChartValues.defaults());
        assertThat(manifests.env("kbs")).containsEntry("ARCA_KBS_SECRETS_BACKEND", "database")
                .doesNotContainKey("ARCA_KBS_SECRETS_DIRECTORY_PATH").doesNotContainKey("ARCA_KBS_SECRETS_VAULT_URI");
    }

    @Test
    void eachKubernetesSecretIsMountedReadOnlyAsRepositoryAndType() {
        Manifests manifests = ArcaChart.get().render(ChartValues.defaults()
                .set("kbs.secrets.backend", "directory")
                .set("kbs.secrets.directory.secrets[0].secretName", "db-credentials")
                .set("kbs.secrets.directory.secrets[0].repository", "default")
                .set("kbs.secrets.directory.secrets[0].type", "db")
                .set("kbs.secrets.directory.secrets[1].secretName", "tenant-a-keys")
                .set("kbs.secrets.directory.secrets[1].repository", "tenant-a")
                .set("kbs.secrets.directory.secrets[1].type", "key"));

        assertThat(manifests.env("kbs")).containsEntry("ARCA_KBS_SECRETS_BACKEND", "directory")
                .containsEntry("ARCA_KBS_SECRETS_DIRECTORY_PATH", "/etc/arca/secrets")
                .containsEntry("ARCA_KBS_SECRETS_DIRECTORY_READ_ONLY", "true");
        assertThat(manifests.mountPath("kbs", "secrets-0")).isEqualTo("/etc/arca/secrets/default/db");
        assertThat(manifests.mountPath("kbs", "secrets-1")).isEqualTo("/etc/arca/secrets/tenant-a/key");
        assertThat(manifests.volume("kbs", "secrets-1").get("secret")).isEqualTo(Map.of("secretName",
                "tenant-a-keys", "defaultMode", 288));
    }

    @Test
    void vaultWithKubernetesAuthGetsAProjectedTokenForVaultsAudience() {
        Manifests manifests = ArcaChart.get().render(ChartValues.defaults()
                .set("kbs.secrets.backend", "vault")
                .set("kbs.secrets.vault.address", "https://vault.vault.svc:8200")
                .set("kbs.secrets.vault.pathPrefix", "arca/kbs")
                .set("kbs.secrets.vault.kubernetes.role", "arca-kbs")
                .set("kbs.secrets.vault.caSecret", "vault-ca"));

        assertThat(manifests.env("kbs")).containsEntry("ARCA_KBS_SECRETS_BACKEND", "vault")
                .containsEntry("ARCA_KBS_SECRETS_VAULT_URI", "https://vault.vault.svc:8200")
                .containsEntry("ARCA_KBS_SECRETS_VAULT_MOUNT", "secret")
                .containsEntry("ARCA_KBS_SECRETS_VAULT_PATH_PREFIX", "arca/kbs")
                .containsEntry("ARCA_KBS_SECRETS_VAULT_AUTH", "kubernetes")
                .containsEntry("ARCA_KBS_SECRETS_VAULT_KUBERNETES_ROLE", "arca-kbs")
                .containsEntry("ARCA_KBS_SECRETS_VAULT_SERVICE_ACCOUNT_TOKEN_FILE", "/var/run/secrets/arca/vault/token")
                .containsEntry("ARCA_KBS_SECRETS_VAULT_CA_CERT_FILE", "/etc/arca/vault-ca/ca.crt")
                .containsEntry("ARCA_KBS_SECRETS_VAULT_READ_TIMEOUT", "5s");
        assertThat(manifests.volume("kbs", "vault-token").get("projected")).isEqualTo(Map.of("defaultMode", 288,
                "sources", List.of(Map.of("serviceAccountToken", Map.of("audience", "vault",
                        "expirationSeconds", 3600, "path", "token")))));
        assertThat(manifests.mountPath("kbs", "vault-ca")).isEqualTo("/etc/arca/vault-ca");
    }

    @Test
    void vaultWithAppRoleReadsTheSecretIdFromItsSecret() {
        Manifests manifests = ArcaChart.get().render(ChartValues.defaults()
                .set("kbs.secrets.backend", "vault")
                .set("kbs.secrets.vault.address", "http://vault:8200")
                .set("kbs.secrets.vault.auth", "approle")
                .set("kbs.secrets.vault.approle.roleId", "role-1234")
                .set("kbs.secrets.vault.approle.existingSecret", "kbs-approle"));

        assertThat(manifests.env("kbs")).containsEntry("ARCA_KBS_SECRETS_VAULT_ROLE_ID", "role-1234")
                .containsEntry("ARCA_KBS_SECRETS_VAULT_SECRET_ID_FILE", "/etc/arca/vault/secret-id");
        assertThat(manifests.volume("kbs", "vault-credential").get("secret")).isEqualTo(Map.of("secretName",
                "kbs-approle", "defaultMode", 288, "items", List.of(Map.of("key", "secret-id", "path", "secret-id"))));
    }

    @Test
    void incompleteSettingsAreRefusedWithWhatIsMissing() {
        ArcaChart chart = ArcaChart.get();
        assertThat(chart.renderFailure(ChartValues.defaults().set("kbs.secrets.backend", "directory")))
                .contains("kbs.secrets.directory.secrets");
        assertThat(chart.renderFailure(ChartValues.defaults().set("kbs.secrets.backend", "vault")))
                .contains("kbs.secrets.vault.address");
        assertThat(chart.renderFailure(ChartValues.defaults().set("kbs.secrets.backend", "vault")
                .set("kbs.secrets.vault.address", "http://vault:8200"))).contains("kbs.secrets.vault.kubernetes.role");
        assertThat(chart.renderFailure(ChartValues.defaults().set("kbs.secrets.backend", "vault")
                .set("kbs.secrets.vault.address", "http://vault:8200").set("kbs.secrets.vault.auth", "token")))
                .contains("kbs.secrets.vault.token.existingSecret");
        assertThat(chart.renderFailure(ChartValues.defaults().set("kbs.secrets.backend", "s3"))).isNotBlank();
        assertThat(chart.renderFailure(ChartValues.defaults().set("kbs.secrets.backend", "directory")
                .set("kbs.secrets.directory.secrets[0].secretName", "x")
                .set("kbs.secrets.directory.secrets[0].repository", "../etc")
                .set("kbs.secrets.directory.secrets[0].type", "db"))).isNotBlank();
    }
}
