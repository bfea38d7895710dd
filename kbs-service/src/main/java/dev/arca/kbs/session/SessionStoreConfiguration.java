package dev.arca.kbs.session;

import dev.arca.kbs.config.KbsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Picks the session store named by {@code arca.kbs.session-store} ({@code memory}, the default, or {@code jdbc}). */
@Configuration(proxyBeanMethods = false)
public class SessionStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SessionStoreConfiguration.class);

    @Bean
    public SessionStore sessionStore(KbsProperties properties, JdbcClient jdbc) {
        return switch (properties.sessionStore()) {
            case MEMORY -> {
                log.info("RCAR sessions are kept in memory (at most {}); replicas need load-balancer affinity",
                        properties.sessionCapacity());
                yield new InMemorySessionStore(properties.sessionCapacity());
            }
            case JDBC -> {
                log.info("RCAR sessions are kept in the database (table kbs_session), shared by all replicas");
                yield new JdbcSessionStore(jdbc);
            }
        };
    }
}
