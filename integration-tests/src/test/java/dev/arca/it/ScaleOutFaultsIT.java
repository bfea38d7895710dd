package dev.arca.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.launcher.suite.ServiceKind;
import dev.arca.launcher.suite.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scale-out under faults (docs/deployment.md "Faults"): two KBS, two AS and one RVPS on one PostgreSQL, guests
 * round-robin across the KBS replicas, an admin writing, and one after the other: (a) SIGKILL of a KBS replica, (b)
 * SIGKILL of an AS replica, (c) a PostgreSQL restart, (d) the RVPS stopped for longer than the AS's stale-if-error
 * bound. No flow may be lost, no answer may be a 500 or a retryable status without problem+json, nothing may be
 * released that the policy denies, and everything written must be intact afterwards. Each fault lasts seconds: the
 * 10-minute soak with faults at random is {@link ScaleOutSoakIT}.
 */
class ScaleOutFaultsIT {

    /** Long enough for a flow to outlast a PostgreSQL restart and the RVPS's restart on two busy cores. */
    static final Duration FLOW_BUDGET = Duration.ofSeconds(90);

    static ScaleOutSuite suite;

    @BeforeAll
    static void start() throws Exception {
        suite = ScaleOutSuite.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void noFlowIsLostNothingIsWronglyReleasedAndEverythingWrittenSurvives() throws Exception {
        Map<String, String> listingsBefore = suite.upstreamListings();
        GuestLoad load = new GuestLoad(suite.http(), suite.kbsReplicas(), suite.seeded, ScaleOutSuite.DENIED,
                FLOW_BUDGET);
        AdminWrites writes = new AdminWrites(suite, Duration.ofMillis(400));
        List<FaultTable.Window> windows = new ArrayList<>();
        CompletableFuture<Duration> kbsBack = CompletableFuture.completedFuture(Duration.ZERO);
        CompletableFuture<Duration> asBack = CompletableFuture.completedFuture(Duration.ZERO);
        load.start(3);
        writes.start();
        try {
            long begin = System.nanoTime();
            Thread.sleep(3_000);
            windows.add(new FaultTable.Window("none (warm-up)", begin, System.nanoTime(), ""));

            long a = System.nanoTime();
            ServiceProcess kbs = suite.kill(ServiceKind.KBS, 0);
            Thread.sleep(4_000);
            // restarted in the background, while the next fault happens: replicas rejoin under load
            kbsBack = restartInBackground(kbs);
            windows.add(new FaultTable.Window("(a) SIGKILL of KBS replica 1", a, System.nanoTime(),
                    "the other replica serves; restarted 4 s later"));

            long b = System.nanoTime();
            ServiceProcess as = suite.kill(ServiceKind.ATTESTATION_SERVICE, 0);
            Thread.sleep(4_000);
            asBack = restartInBackground(as);
            // both rejoin before the database goes away: a replica cannot start (Flyway) without it
            kbsBack.join();
            asBack.join();
            windows.add(new FaultTable.Window("(b) SIGKILL of AS replica 1", b, System.nanoTime(),
                    "the other replica serves; restarted 4 s later; the window ends when both killed replicas are"
                    + " ready again"));

            long c = System.nanoTime();
            suite.stopPostgres();
            Thread.sleep(3_000);
            suite.startPostgres();
            Thread.sleep(4_000);
            windows.add(new FaultTable.Window("(c) PostgreSQL restart", c, System.nanoTime(), "down 3 s"));

            long d = System.nanoTime();
            ServiceProcess rvps = suite.stop(ServiceKind.RVPS);
            // past the AS's cache TTL and its stale-if-error bound: appraisals must fail closed, not affirm
            Thread.sleep(ScaleOutSuite.RVPS_CACHE_TTL.plus(ScaleOutSuite.RVPS_STALE_IF_ERROR).toMillis() + 3_000);
            long rvpsDown = System.nanoTime() - d;
            Duration rvpsReady = suite.restart(rvps);
            Thread.sleep(3_000);
            windows.add(new FaultTable.Window("(d) RVPS stopped beyond stale-if-error", d, System.nanoTime(),
                    String.format("stale bound %d s; RVPS down %.1f s, then ready after %.1f s",
                            ScaleOutSuite.RVPS_CACHE_TTL.plus(ScaleOutSuite.RVPS_STALE_IF_ERROR).toSeconds(),
                            rvpsDown / 1e9, rvpsReady.toMillis() / 1000.0)));
        } finally {
            writes.close();
            load.close();
        }
        Duration kbsReady = kbsBack.join();
        Duration asReady = asBack.join();

        List<GuestLoad.Flow> flows = load.flows();
        List<FaultTable.Row> rows = windows.stream().map(w -> FaultTable.row(w, flows, load.events())).toList();
        String table = FaultTable.markdown(rows) + String.format("%nThe killed replicas were ready again %.1f s (KBS)"
                + " and %.1f s (AS) after their restart.%n", kbsReady.toMillis() / 1000.0, asReady.toMillis() / 1000.0);
        Path report = Path.of("target", "scale-out-faults.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, table);
        System.out.println(table);

        List<String> unexpected = flows.stream().flatMap(f -> f.unexpected().stream()).distinct().limit(20).toList();
        assertThat(unexpected).as("answers no fault may cause (see %s)", suite.logs()).isEmpty();
        assertThat(writes.unexpected()).as("admin writes").isEmpty();
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.wrongReleases()).as(row.fault() + ": wrong releases").isZero();
            assertThat(row.lost()).as(row.fault() + ": lost flows").isZero();
            assertThat(row.completed()).as(row.fault() + ": completed flows").isPositive();
        });
        assertThat(writes.acknowledgedSecrets()).as("admin writes acknowledged while faults happened").isNotEmpty();
        assertThat(suite.integrityProblems(writes, listingsBefore)).isEmpty();
    }

    private static CompletableFuture<Duration> restartInBackground(ServiceProcess process) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return suite.restart(process);
            } catch (Exception e) {
                throw new IllegalStateException("cannot restart " + process.kind().module(), e);
            }
        });
    }
}
