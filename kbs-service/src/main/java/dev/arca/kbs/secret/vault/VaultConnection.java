package dev.arca.kbs.secret.vault;

import dev.arca.kbs.secret.SecretsProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.vault.authentication.AppRoleAuthentication;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions;
import org.springframework.vault.authentication.ClientAuthentication;
import org.springframework.vault.authentication.KubernetesAuthentication;
import org.springframework.vault.authentication.KubernetesAuthenticationOptions;
import org.springframework.vault.authentication.LifecycleAwareSessionManager;
import org.springframework.vault.authentication.SessionManager;
import org.springframework.vault.authentication.SimpleSessionManager;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.ClientHttpRequestFactoryFactory;
import org.springframework.vault.client.RestTemplateBuilder;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.support.ClientOptions;
import org.springframework.vault.support.SslConfiguration;
import org.springframework.web.client.RestTemplate;

/**
 * A {@link VaultTemplate} from {@code arca.kbs.secrets.vault.*} with Spring Vault's own authentication: a token from a
 * file, AppRole (role id, secret id from a file), or Kubernetes (the pod's service-account token, re-read at every
 * login because kubelet rotates it). Logins that yield a lease are renewed and redone by Spring Vault's
 * lifecycle-aware session manager. Every call has the configured connect and read deadlines.
 */
public final class VaultConnection implements AutoCloseable {

    private final VaultTemplate template;
    private final ThreadPoolTaskScheduler scheduler;

    private VaultConnection(VaultTemplate template, ThreadPoolTaskScheduler scheduler) {
        this.template = template;
        this.scheduler = scheduler;
    }

    public VaultTemplate template() {
        return template;
    }

    public static VaultConnection open(SecretsProperties.Vault vault) {
        if (vault.uri() == null) {
            throw new IllegalStateException("arca.kbs.secrets.vault.uri must name the Vault, e.g. https://vault:8200");
        }
        VaultEndpoint endpoint = VaultEndpoint.from(vault.uri());
        SslConfiguration ssl = vault.caCertFile() == null ? SslConfiguration.unconfigured()
                : SslConfiguration.forTrustStore(SslConfiguration.KeyStoreConfiguration
                        .of(new FileSystemResource(vault.caCertFile()))
                        .withStoreType(SslConfiguration.PEM_KEYSTORE_TYPE));
        ClientHttpRequestFactory requests = ClientHttpRequestFactoryFactory.create(
                new ClientOptions(vault.connectTimeout(), vault.readTimeout()), ssl);
        // Spring Vault picks Apache HttpClient when it is on the classpath (it is: UpstreamHttp uses it) and gives it
        // both timeouts (aVaultSlowerThanTheReadTimeoutIsUnavailable); the JDK client stays the fallback
        if (requests instanceof JdkClientHttpRequestFactory jdk) {
            // Spring Vault 4.1 gives the JDK client the connect timeout only: without this a stalled Vault would hold
            // a request (and the guest waiting for its secret) forever
            jdk.setReadTimeout(vault.readTimeout());
        }
        RestTemplate login = RestTemplateBuilder.builder().endpoint(endpoint).requestFactory(requests).build();
        return switch (vault.auth()) {
            case TOKEN -> {
                require(vault.tokenFile(), "arca.kbs.secrets.vault.token-file");
                SessionManager session = new SimpleSessionManager(
                        new TokenAuthentication(read(vault.tokenFile(), "arca.kbs.secrets.vault.token-file")));
                yield new VaultConnection(new VaultTemplate(endpoint, requests, session), null);
            }
            case APPROLE -> {
                require(vault.roleId(), "arca.kbs.secrets.vault.role-id");
                require(vault.secretIdFile(), "arca.kbs.secrets.vault.secret-id-file");
                AppRoleAuthenticationOptions options = AppRoleAuthenticationOptions.builder()
                        .path(vault.appRolePath())
                        .roleId(AppRoleAuthenticationOptions.RoleId.provided(vault.roleId()))
                        .secretId(AppRoleAuthenticationOptions.SecretId.provided(
                                read(vault.secretIdFile(), "arca.kbs.secrets.vault.secret-id-file")))
                        .build();
                yield renewed(endpoint, requests, new AppRoleAuthentication(options, login), login);
            }
            case KUBERNETES -> {
                require(vault.kubernetesRole(), "arca.kbs.secrets.vault.kubernetes-role");
                Path tokenFile = vault.serviceAccountTokenFile();
                KubernetesAuthenticationOptions options = KubernetesAuthenticationOptions.builder()
                        .path(vault.kubernetesPath())
                        .role(vault.kubernetesRole())
                        .jwtSupplier(() -> read(tokenFile, "arca.kbs.secrets.vault.service-account-token-file"))
                        .build();
                yield renewed(endpoint, requests, new KubernetesAuthentication(options, login), login);
            }
        };
    }

    private static VaultConnection renewed(VaultEndpoint endpoint, ClientHttpRequestFactory requests,
            ClientAuthentication authentication, RestTemplate login) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("vault-session-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        SessionManager session = new LifecycleAwareSessionManager(authentication, scheduler, login);
        return new VaultConnection(new VaultTemplate(endpoint, requests, session), scheduler);
    }

    private static void require(Object value, String property) {
        if (value == null || value.toString().isBlank()) {
            throw new IllegalStateException(property + " must be set for this Vault authentication method");
        }
    }

    /** A credential file's content; the message names the file, never its content. */
    private static String read(Path file, String property) {
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new IllegalStateException(property + " " + file + " is empty");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(property + " " + file + " cannot be read", e);
        }
    }

    @Override
    public void close() {
        try {
            template.destroy();
        } catch (Exception ignored) {
            // closing at shutdown: nothing to report
        }
        if (scheduler != null) {
            scheduler.shutdown();
        }
    }
}
