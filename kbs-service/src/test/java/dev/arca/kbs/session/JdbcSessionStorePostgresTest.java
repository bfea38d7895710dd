package dev.arca.kbs.session;

import dev.arca.kbs.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The JDBC store and its migration on a real PostgreSQL server, what replicas share in production. */
class JdbcSessionStorePostgresTest implements SessionStoreContract {

    private static SessionStore store;

    @BeforeAll
    static void database() {
        store = new JdbcSessionStore(JdbcClient.create(TestPostgres.migratedDatabase("sessions")));
    }

    @Override
    public SessionStore store() {
        return store;
    }
}
