package dev.arca.kbs.secret;

import dev.arca.kbs.config.ArcaProperties;
import dev.arca.kbs.config.KbsProperties;
import dev.arca.kbs.secret.database.DatabaseKeys;
import dev.arca.kbs.secret.database.DatabaseSecretBackend;
import dev.arca.kbs.secret.database.KekPkcs11Properties;
import dev.arca.kbs.secret.directory.DirectorySecretBackend;
import dev.arca.kbs.secret.vault.VaultConnection;
import dev.arca.kbs.secret.vault.VaultSecretBackend;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Opens the backend that a {@link SecretsProperties} names: the KBS's own (one per start), or the two ends of a
 * migration. Resources a backend holds (a Vault session) are released when the context closes.
 */
public class SecretBackends implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SecretBackends.class);

    private final ArcaProperties arca;
    private final KbsProperties kbs;
    private final KekPkcs11Properties pkcs11;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final List<AutoCloseable> opened = new ArrayList<>();

    public SecretBackends(ArcaProperties arca, KbsProperties kbs, KekPkcs11Properties pkcs11, JdbcClient jdbc,
            Clock clock) {
        this.arca = arca;
        this.kbs = kbs;
        this.pkcs11 = pkcs11;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public SecretBackend open(SecretsProperties settings) {
        return switch (settings.backend()) {
            case DATABASE -> {
                DatabaseSecretBackend database = new DatabaseSecretBackend(jdbc,
                        DatabaseKeys.cipher(arca, kbs, pkcs11), clock);
                log.info("secrets are kept in the database (table kbs_resource), encrypted under KEK {}",
                        database.kekId());
                yield database;
            }
            case DIRECTORY -> {
                SecretsProperties.Directory directory = settings.directory();
                if (directory.path() == null) {
                    throw new IllegalStateException("arca.kbs.secrets.directory.path must name the repository folder");
                }
                DirectorySecretBackend files = new DirectorySecretBackend(directory.path(), directory.readOnly(),
                        kbs.maxResourceSize().toBytes());
                log.info("secrets are the files <repo>/<type>/<tag> under {} ({})", directory.path(),
                        directory.readOnly() ? "read-only" : "read-write");
                yield files;
            }
            case VAULT -> {
                SecretsProperties.Vault vault = settings.vault();
                VaultConnection connection = VaultConnection.open(vault);
                synchronized (opened) {
                    opened.add(connection);
                }
                log.info("secrets are kept in Vault {} (KV v2 mount '{}', prefix '{}', {} auth)", vault.uri(),
                        vault.mount(), vault.pathPrefix(), vault.auth().name().toLowerCase(Locale.ROOT));
                yield new VaultSecretBackend(connection.template(), vault.mount(), vault.pathPrefix());
            }
        };
    }

    @Override
    public void destroy() throws Exception {
        synchronized (opened) {
            for (AutoCloseable resource : opened) {
                resource.close();
            }
            opened.clear();
        }
    }
}
