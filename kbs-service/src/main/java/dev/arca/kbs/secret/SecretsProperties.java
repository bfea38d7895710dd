package dev.arca.kbs.secret;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where secrets are kept (docs/secret-backends.md). Only the settings of the selected backend are read; they are
 * checked when the backend is opened, at start-up, so a wrong setting stops the KBS with a line naming it.
 *
 * @param backend   {@code database} (default), {@code directory} or {@code vault}
 * @param directory settings of the directory backend
 * @param vault     settings of the Vault backend
 */
@ConfigurationProperties("arca.kbs.secrets")
public record SecretsProperties(
        @DefaultValue("database") SecretBackendKind backend,
        @DefaultValue Directory directory,
        @DefaultValue Vault vault) {

    /**
     * @param path     the repository root: secrets are the files {@code <path>/<repo>/<type>/<tag>}
     * @param readOnly refuse writes (405), e.g. for a mounted Kubernetes Secret; default true
     */
    public record Directory(Path path, @DefaultValue("true") boolean readOnly) {
    }

    /**
     * @param uri                     the Vault address, e.g. {@code https://vault.vault.svc:8200}
     * @param mount                   the KV version 2 secrets engine's mount (default {@code secret})
     * @param pathPrefix              folder under the mount that holds the {@code <repo>/<type>/<tag>} secrets
     *                                (default none)
     * @param auth                    {@code token}, {@code approle} or {@code kubernetes}
     * @param tokenFile               token auth: the file holding the Vault token
     * @param appRolePath             AppRole auth: the auth mount (default {@code approle})
     * @param roleId                  AppRole auth: the role id
     * @param secretIdFile            AppRole auth: the file holding the secret id
     * @param kubernetesPath          Kubernetes auth: the auth mount (default {@code kubernetes})
     * @param kubernetesRole          Kubernetes auth: the Vault role
     * @param serviceAccountTokenFile Kubernetes auth: the pod's service-account token
     * @param caCertFile              PEM CA certificate(s) to trust for an https Vault (default: the JDK's)
     * @param connectTimeout          deadline to connect to Vault
     * @param readTimeout             deadline for Vault's answer
     */
    public record Vault(
            URI uri,
            @DefaultValue("secret") String mount,
            @DefaultValue("") String pathPrefix,
            @DefaultValue("token") VaultAuthMethod auth,
            Path tokenFile,
            @DefaultValue("approle") String appRolePath,
            String roleId,
            Path secretIdFile,
            @DefaultValue("kubernetes") String kubernetesPath,
            String kubernetesRole,
            @DefaultValue("/var/run/secrets/kubernetes.io/serviceaccount/token") Path serviceAccountTokenFile,
            Path caCertFile,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("5s") Duration readTimeout) {
    }

    /** Values of {@code arca.kbs.secrets.vault.auth}. */
    public enum VaultAuthMethod {
        TOKEN, APPROLE, KUBERNETES
    }
}
