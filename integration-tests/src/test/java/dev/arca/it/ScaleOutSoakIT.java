package dev.arca.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.launcher.suite.ServiceKind;
import dev.arca.launcher.suite.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The long run of {@link ScaleOutFaultsIT}: mixed load (guests attesting and fetching, an admin writing secrets and
 * policies) for {@code -Darca.soak.minutes} (default 10) with a fault at random every 20–40 s — a KBS or AS replica
 * killed and restarted, PostgreSQL restarted, the RVPS stopped past the stale bound — then the same checks, and the
 * resident memory of every service process sampled throughout. Not part of the default build (tag {@code soak}):
 * {@code ./mvnw -pl integration-tests verify -Darca.it.excludedGroups= -Dit.test=ScaleOutSoakIT} (docs/deployment.md).
 */
@Tag("soak")
class ScaleOutSoakIT {

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
    void tenMinutesOfMixedLoadAndRandomFaults() throws Exception {
        Duration length = Duration.ofMinutes(Long.getLong("arca.soak.minutes", 10));
        long seed = Long.getLong("arca.soak.seed", System.nanoTime());
        Random random = new Random(seed);
        Map<String, String> listingsBefore = suite.upstreamListings();
        GuestLoad load = new GuestLoad(suite.http(), suite.kbsReplicas(), suite.seeded, ScaleOutSuite.DENIED,
                ScaleOutFaultsIT.FLOW_BUDGET);
        AdminWrites writes = new AdminWrites(suite, Duration.ofSeconds(1));
        List<FaultTable.Window> windows = new ArrayList<>();
        Map<String, List<Long>> rss = new LinkedHashMap<>();
        Thread sampler = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    suite.rss().forEach((process, kib) -> rss.computeIfAbsent(process, p -> new ArrayList<>()).add(kib));
                    Thread.sleep(15_000);
                }
            } catch (InterruptedException stopped) {
                // the soak is over
            }
        });
        long begin = System.nanoTime();
        long end = begin + length.toNanos();
        load.start(3);
        writes.start();
        try {
            while (System.nanoTime() < end - Duration.ofSeconds(60).toNanos()) {
                Thread.sleep(20_000 + random.nextInt(20_000));
                long at = System.nanoTime();
                String note = inject(random.nextInt(4), random);
                windows.add(new FaultTable.Window(note, at, System.nanoTime(), ""));
            }
            Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
        } finally {
            writes.close();
            load.close();
            sampler.interrupt();
            sampler.join();
        }

        List<GuestLoad.Flow> flows = load.flows();
        FaultTable.Window whole = new FaultTable.Window("whole soak", begin, System.nanoTime(), "seed " + seed);
        List<FaultTable.Row> rows = new ArrayList<>(windows.stream()
                .map(w -> FaultTable.row(w, flows, load.events())).toList());
        rows.add(FaultTable.row(whole, flows, load.events()));
        StringBuilder report = new StringBuilder(FaultTable.markdown(rows)).append("\nRSS (KiB) of each service process,")
                .append(" first and last sample (every 15 s), by service and pid:\n\n| process | samples | first | last | max |\n|---|---|---|---|---|\n");
        rss.forEach((process, samples) -> report.append(String.format("| %s | %d | %d | %d | %d |%n", process,
                samples.size(), samples.getFirst(), samples.getLast(),
                samples.stream().mapToLong(Long::longValue).max().orElse(0))));
        report.append(String.format("%nadmin writes acknowledged: %d secrets; not acknowledged: %d%n",
                writes.acknowledgedSecrets().size(), writes.unacknowledgedSecrets().size()));
        List<String> integrity = suite.integrityProblems(writes, listingsBefore);
        report.append("integrity problems: ").append(integrity).append('\n');
        Path file = Path.of("target", "scale-out-soak.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        System.out.println(report);

        FaultTable.Row total = rows.getLast();
        assertThat(flows.stream().flatMap(f -> f.unexpected().stream()).distinct().limit(20).toList())
                .as("answers no fault may cause").isEmpty();
        assertThat(writes.unexpected()).as("admin writes").isEmpty();
        assertThat(total.wrongReleases()).as("wrong releases").isZero();
        assertThat(total.lost()).as("lost flows").isZero();
        assertThat(integrity).as("lost or changed secrets and policies").isEmpty();
    }

    /** One fault, over when the service is back; returns its description. */
    private static String inject(int which, Random random) throws Exception {
        switch (which) {
            case 0 -> {
                int replica = random.nextInt(2);
                ServiceProcess killed = suite.kill(ServiceKind.KBS, replica);
                Thread.sleep(5_000);
                Duration ready = suite.restart(killed);
                return String.format("SIGKILL of KBS replica %d (ready again %.1f s after its restart)", replica + 1,
                        ready.toMillis() / 1000.0);
            }
            case 1 -> {
                int replica = random.nextInt(2);
                ServiceProcess killed = suite.kill(ServiceKind.ATTESTATION_SERVICE, replica);
                Thread.sleep(5_000);
                Duration ready = suite.restart(killed);
                return String.format("SIGKILL of AS replica %d (ready again %.1f s after its restart)", replica + 1,
                        ready.toMillis() / 1000.0);
            }
            case 2 -> {
                int down = 2 + random.nextInt(4);
                suite.stopPostgres();
                Thread.sleep(down * 1_000L);
                suite.startPostgres();
                return "PostgreSQL restart (down " + down + " s)";
            }
            default -> {
                ServiceProcess rvps = suite.stop(ServiceKind.RVPS);
                Thread.sleep(ScaleOutSuite.RVPS_CACHE_TTL.plus(ScaleOutSuite.RVPS_STALE_IF_ERROR).toMillis() + 3_000);
                Duration ready = suite.restart(rvps);
                return String.format("RVPS stopped past stale-if-error (ready again %.1f s after its restart)",
                        ready.toMillis() / 1000.0);
            }
        }
    }
}
