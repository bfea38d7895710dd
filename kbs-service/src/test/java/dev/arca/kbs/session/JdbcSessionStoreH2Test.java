package dev.arca.kbs.session;

import dev.arca.kbs.testing.TestPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The JDBC store on H2 in PostgreSQL mode, the KBS's default database. */
class JdbcSessionStoreH2Test implements SessionStoreContract {

    private static final SessionStore STORE =
            new JdbcSessionStore(JdbcClient.create(TestPostgres.migratedH2("sessions")));

    @Override
    public SessionStore store() {
        return STORE;
    }
}
