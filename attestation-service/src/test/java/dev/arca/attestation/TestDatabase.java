package dev.arca.attestation;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** A fresh in-memory database with the AS's schema migrated, as the service's H2 mode has it. */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static DataSource migrated() {
        SimpleDriverDataSource db = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "sa", "");
        Flyway.configure().dataSource(db).load().migrate();
        return db;
    }
}
