package dev.arca.attestation.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.attestation.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two replicas on one database (what PostgreSQL gives a scaled-out AS): a policy changed through one is seen by the
 * other within {@code arca.as.policy.store-refresh}, and by the one it went through at once.
 */
class PolicyStoreReplicasTest {

    private static final Duration REFRESH = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private PolicyStore replicaA;
    private PolicyStore replicaB;

    @BeforeEach
    void setUp() {
        DataSource db = TestDatabase.migrated();
        PolicyProperties properties = new PolicyProperties(100_000, Duration.ofSeconds(5), 1_000, 256, REFRESH);
        replicaA = new PolicyStore(JdbcClient.create(db), clock, properties);
        replicaB = new PolicyStore(JdbcClient.create(db), clock, properties);
    }

    @Test
    void anUploadThroughOneReplicaReachesTheOtherWithinTheBound() {
        assertThat(replicaB.find("default_cpu")).isEmpty(); // B now remembers "no upload"

        replicaA.save("default_cpu", "true");
        assertThat(replicaA.find("default_cpu")).contains("true");
        assertThat(replicaB.find("default_cpu")).isEmpty(); // within the bound B may still answer its last look-up

        clock.advance(REFRESH);
        assertThat(replicaB.find("default_cpu")).contains("true");
    }

    @Test
    void aReplacementAndADeletionReachTheOtherReplicaWithinTheBound() {
        replicaA.save("p", "true");
        assertThat(replicaB.find("p")).contains("true");

        replicaA.save("p", "false");
        assertThat(replicaA.find("p")).contains("false");
        clock.advance(REFRESH);
        assertThat(replicaB.find("p")).contains("false");

        assertThat(replicaA.delete("p")).isTrue();
        assertThat(replicaA.find("p")).isEmpty();
        clock.advance(REFRESH);
        assertThat(replicaB.find("p")).isEmpty();
    }

    @Test
    void aZeroRefreshReadsTheStoreEveryTime() {
        DataSource db = TestDatabase.migrated();
        PolicyProperties uncached = new PolicyProperties(100_000, Duration.ofSeconds(5), 1_000, 256, Duration.ZERO);
        PolicyStore a = new PolicyStore(JdbcClient.create(db), clock, uncached);
        PolicyStore b = new PolicyStore(JdbcClient.create(db), clock, uncached);

        assertThat(b.find("p")).isEmpty();
        a.save("p", "true");
        assertThat(b.find("p")).contains("true");
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
