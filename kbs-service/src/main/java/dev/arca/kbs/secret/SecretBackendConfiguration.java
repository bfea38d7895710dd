package dev.arca.kbs.secret;

import dev.arca.kbs.config.ArcaProperties;
import dev.arca.kbs.config.KbsProperties;
import dev.arca.kbs.secret.database.DatabaseSecretBackend;
import dev.arca.kbs.secret.database.KekPkcs11Properties;
import dev.arca.kbs.secret.database.KekRotation;
import java.time.Clock;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The secret backend named by {@code arca.kbs.secrets.backend}, like the session store is picked by
 * {@code arca.kbs.session-store}; with the database backend, the KEK rotation at start-up (docs/kbs.md "Rotating the
 * KEK").
 */
@Configuration(proxyBeanMethods = false)
public class SecretBackendConfiguration {

    @Bean
    public SecretBackends secretBackends(ArcaProperties arca, KbsProperties kbs, KekPkcs11Properties pkcs11,
            JdbcClient jdbc, Clock clock) {
        return new SecretBackends(arca, kbs, pkcs11, jdbc, clock);
    }

    @Bean
    public SecretBackend secretBackend(SecretBackends backends, SecretsProperties secrets) {
        return backends.open(secrets);
    }

    @Bean
    public ApplicationRunner kekRotation(SecretBackend backend) {
        return args -> {
            if (backend instanceof DatabaseSecretBackend database) {
                new KekRotation(database).rotate();
            }
        };
    }
}
