package dev.arca.bench.suite;

import dev.arca.bench.agent.AgentColdStart;
import dev.arca.bench.load.LoadResult;
import dev.arca.launcher.suite.ServiceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one {@code ./arca bench} run, written as the marked section of docs/performance.md. */
final class BenchReport {

    static final String BEGIN = "<!-- arca-bench:begin (written by ./arca bench; edits here are overwritten) -->";
    static final String END = "<!-- arca-bench:end -->";

    /** @param idleMillisPerSecond CPU the service used per second with no request at all */
    record Floor(double cpuMillis, double allocatedBytes, double idleMillisPerSecond) {

        Floor idle(double millisPerSecond) {
            return new Floor(cpuMillis, allocatedBytes, millisPerSecond);
        }
    }

    record Level(int guests, LoadResult result, Map<ServiceKind, ProcessMeter.Reading> used, long generatorNanos) {

        double cpuPerFlow(ServiceKind kind) {
            return used.get(kind).cpuNanos() / 1e6 / Math.max(1, result.completed());
        }

        double serverCpuPerFlow() {
            return SuiteBench.SERVICES.stream().mapToDouble(this::cpuPerFlow).sum();
        }

        double jitPerFlow() {
            return SuiteBench.SERVICES.stream()
                    .mapToDouble(kind -> used.get(kind).jitNanos() / 1e6 / Math.max(1, result.completed())).sum();
        }

        double allocatedKibPerFlow(ServiceKind kind) {
            return used.get(kind).allocatedBytes() / 1024.0 / Math.max(1, result.completed());
        }
    }

    private final SuiteBench.BenchOptions options;
    private final Instant started;
    private final String loadAtStart;
    private final Map<ServiceKind, Duration> ready;
    private final Map<ServiceKind, Duration> readyCpu;
    private final Map<ServiceKind, Floor> floors = new EnumMap<>(ServiceKind.class);
    private final Map<String, Double> cryptoMicros = new LinkedHashMap<>();
    private final List<Level> levels = new ArrayList<>();
    private final Map<ServiceKind, long[]> memory = new EnumMap<>(ServiceKind.class);
    private int warmupFlows;
    private AgentColdStart.Result agent;
    private TdxLeg.Result tdx;
    private Soak.Result soak;

    BenchReport(SuiteBench.BenchOptions options, Instant started, String loadAtStart, Map<ServiceKind, Duration> ready,
            Map<ServiceKind, Duration> readyCpu) {
        this.options = options;
        this.started = started;
        this.loadAtStart = loadAtStart;
        this.ready = ready;
        this.readyCpu = readyCpu;
    }

    void floor(ServiceKind kind, double cpuMillis, double allocatedBytes) {
        floors.put(kind, new Floor(cpuMillis, allocatedBytes, 0));
    }

    void idle(ServiceKind kind, double millisPerSecond) {
        floors.put(kind, floors.getOrDefault(kind, new Floor(0, 0, 0)).idle(millisPerSecond));
    }

    void crypto(String benchmark, double micros) {
        cryptoMicros.put(benchmark, micros);
    }

    void level(int guests, LoadResult result, Map<ServiceKind, ProcessMeter.Reading> used, long generatorNanos) {
        levels.add(new Level(guests, result, used, generatorNanos));
    }

    /** The flows of the whole warm-up: the fixed count and what the JIT still needed. */
    void warmup(int flows) {
        warmupFlows = flows;
    }

    void agent(AgentColdStart.Result result) {
        agent = result;
    }

    void tdx(TdxLeg.Result result) {
        tdx = result;
    }

    void soak(Soak.Result result) {
        soak = result;
    }

    void memory(ServiceKind kind, long residentMib, long peakMib) {
        memory.put(kind, new long[] {residentMib, peakMib});
    }

    /** The flow's crypto floor in ms: one ES256 sign, two ES256 verifies, one ECDH-ES. */
    double cryptoFloorMillis() {
        return (cryptoMicros.getOrDefault("es256Sign", 0.0) + 2 * cryptoMicros.getOrDefault("es256Verify", 0.0)
                + cryptoMicros.getOrDefault("ecdhEs", 0.0)) / 1000;
    }

    /** The floor of a complete flow: each service's no-op CPU times its requests per flow, plus the crypto. */
    double flowFloorMillis() {
        double requests = SuiteBench.SERVICES.stream()
                .mapToDouble(kind -> floors.getOrDefault(kind, new Floor(0, 0, 0)).cpuMillis()
                        * SuiteBench.REQUESTS_PER_FLOW.get(kind))
                .sum();
        return requests + cryptoFloorMillis();
    }

    void write(Path report, Path plot) throws IOException {
        String section = BEGIN + "\n" + markdown(report.toAbsolutePath().getParent().relativize(plot.toAbsolutePath()))
                + END;
        String text = Files.exists(report) ? Files.readString(report) : "# Performance\n";
        int begin = text.indexOf("<!-- arca-bench:begin");
        int end = text.indexOf(END);
        text = begin >= 0 && end > begin
                ? text.substring(0, begin) + section + text.substring(end + END.length())
                : text.stripTrailing() + "\n\n" + section + "\n";
        Files.writeString(report, text);
        Files.createDirectories(plot.toAbsolutePath().getParent());
        new BenchPlot(levels).write(plot);
    }

    private String markdown(Path plot) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, """
                Run of %s UTC by `./arca bench` (%d cores, load average %s at the start, %s at the end: other \
                work shared the machine), services with `%s`%s, %d s per concurrency, after a warm-up of %d flows (%d, then more until the JIT compilers took under %.0f %% of the services' CPU).

                """, started.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", ""),
                Runtime.getRuntime().availableProcessors(), loadAtStart, loadAverageNow(),
                String.join(" ", options.serviceJvmOptions()),
                options.properties().isEmpty() ? "" : " and `--" + String.join("` `--", options.properties()) + "`",
                options.levelDuration().toSeconds(), warmupFlows, options.warmupFlows(),
                100 * SuiteBench.JIT_SETTLED));

        md.append("| service | start-up to ready (CPU spent) | no-op request (`GET /healthz`), CPU | allocated per no-op request |"
                + " CPU when idle (outside the JIT) | resident memory at the end | peak resident memory |\n|---|---|---|---|---|---|---|\n");
        for (ServiceKind kind : SuiteBench.SERVICES) {
            Floor floor = floors.getOrDefault(kind, new Floor(0, 0, 0));
            long[] mem = memory.getOrDefault(kind, new long[2]);
            md.append(String.format(Locale.ROOT, "| %s | %.1f s (%.1f s) | %.3f ms | %.1f KiB | %.1f ms/s | %d MiB | %d MiB |%n",
                    kind.module(), ready.getOrDefault(kind, Duration.ZERO).toMillis() / 1000.0,
                    readyCpu.getOrDefault(kind, Duration.ZERO).toMillis() / 1000.0, floor.cpuMillis(),
                    floor.allocatedBytes() / 1024, floor.idleMillisPerSecond(), mem[0], mem[1]));
        }
        md.append(String.format(Locale.ROOT, """

                Crypto floor (the operations of JMH's `FlowCryptoBenchmark`, Bouncy Castle, in CPU time of one thread): ES256 sign %.0f µs, ES256 \
                verify %.0f µs, ECDH-ES (ephemeral key + agreement) %.0f µs; a flow's sign + 2 verifies + ECDH-ES = \
                **%.2f ms**. Floor of a complete flow = 3 × KBS no-op + 1 × AS no-op + crypto = **%.2f ms** CPU.

                """, cryptoMicros.getOrDefault("es256Sign", 0.0), cryptoMicros.getOrDefault("es256Verify", 0.0),
                cryptoMicros.getOrDefault("ecdhEs", 0.0), cryptoFloorMillis(), flowFloorMillis()));

        md.append("| guests | flows/s | p50 ms | p90 ms | p99 ms | p99/p50 | CPU/flow KBS | AS | RVPS | servers"
                + " | × floor | of which JIT | × floor without JIT | load generator CPU/flow | allocated/flow KBS | AS"
                + " | GC time KBS + AS | failed |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Level level : levels) {
            LoadResult r = level.result();
            double gc = level.used().get(ServiceKind.KBS).gcSeconds()
                    + level.used().get(ServiceKind.ATTESTATION_SERVICE).gcSeconds();
            md.append(String.format(Locale.ROOT,
                    "| %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f ms | %.2f ms | %.2f ms | **%.2f ms** | %.1f × |"
                            + " %.2f ms | %.1f × | %.2f ms | %.0f KiB | %.0f KiB | %.2f s | %d |%n",
                    level.guests(), r.perSecond(), r.percentileMillis(50), r.percentileMillis(90),
                    r.percentileMillis(99), r.percentileMillis(99) / Math.max(0.001, r.percentileMillis(50)),
                    level.cpuPerFlow(ServiceKind.KBS), level.cpuPerFlow(ServiceKind.ATTESTATION_SERVICE),
                    level.cpuPerFlow(ServiceKind.RVPS), level.serverCpuPerFlow(),
                    level.serverCpuPerFlow() / Math.max(0.001, flowFloorMillis()), level.jitPerFlow(),
                    (level.serverCpuPerFlow() - level.jitPerFlow()) / Math.max(0.001, flowFloorMillis()),
                    level.generatorNanos() / 1e6 / Math.max(1, r.completed()),
                    level.allocatedKibPerFlow(ServiceKind.KBS),
                    level.allocatedKibPerFlow(ServiceKind.ATTESTATION_SERVICE), gc, r.failures()));
        }
        md.append("\n![throughput and latency against concurrent guests](").append(plot.toString().replace('\\', '/'))
                .append(")\n");
        if (agent != null) {
            md.append(String.format(Locale.ROOT, """

                    Agent cold start to first secret (`attestation-agent-exec.jar get-resource` as a fresh process, `%s`, \
                    %d runs, while the suite was idle): median **%.0f ms** (%.0f–%.0f ms), peak resident memory %d MiB.
                    """, AgentColdStart.DEFAULT_JVM, agent.millis().size(), agent.medianMillis(),
                    agent.millis().getFirst(), agent.millis().getLast(), agent.medianPeakMib()));
        }
        if (tdx != null) {
            double verify = cryptoMicros.getOrDefault("es256Verify", 0.0) / 1000;
            md.append(String.format(Locale.ROOT, """

                    TDX leg (a real TDX quote, %s, with its cached collateral, verified as of %s, sent to the AS's \
                    `POST /attestation` as the KBS sends it; alternating with sample evidence, 2 threads, %d of each): \
                    AS CPU %.3f ms per TDX attestation against %.3f ms per sample one, **%.3f ms more = %.1f P-256 \
                    verifies** (%.0f µs each, above); without the JIT compiler threads' CPU (%.3f and %.3f ms of \
                    those figures) **%.3f ms more = %.1f verifies**. The floor of that difference is 2 (the quote's \
                    and the QE report's signatures).
                    """, TdxLeg.QUOTE, TdxLeg.VERIFY_AT, tdx.attestations(), tdx.tdxMillis(), tdx.sampleMillis(),
                    tdx.extraMillis(), tdx.extraMillis() / Math.max(1e-6, verify), verify * 1000,
                    tdx.tdxJitMillis(), tdx.sampleJitMillis(), tdx.extraWithoutJitMillis(),
                    tdx.extraWithoutJitMillis() / Math.max(1e-6, verify)));
        }
        if (soak != null) {
            soakMarkdown(md);
        }
        return md.toString();
    }

    private void soakMarkdown(StringBuilder md) {
        LoadResult r = soak.load();
        md.append(String.format(Locale.ROOT, """

                Soak: %d guests for %d s: %d flows (%.1f flows/s), %d failed, p50 %.1f ms, p99 %.1f ms. Share of the \
                run in GC: %s. Resident memory (MiB) over time:

                | second |""", soak.guests(), soak.length().toSeconds(), r.completed(), r.perSecond(), r.failures(),
                r.percentileMillis(50), r.percentileMillis(99),
                String.join(", ", SuiteBench.SERVICES.stream().map(kind -> String.format(Locale.ROOT, "%s %.1f %%",
                        kind.module(), 100 * soak.gcShare(kind))).toList())));
        SuiteBench.SERVICES.forEach(kind -> md.append(' ').append(kind.module()).append(" |"));
        md.append("\n|---|---|---|---|\n");
        for (Soak.Sample sample : soak.samples()) {
            md.append("| ").append(sample.second()).append(" |");
            SuiteBench.SERVICES.forEach(kind -> md.append(' ').append(sample.residentMib().get(kind)).append(" |"));
            md.append('\n');
        }
        if (soak.nativeMemory().values().stream().anyMatch(map -> !map.isEmpty())) {
            md.append("\nNative Memory Tracking at the end (committed MiB; the JVM's own accounting, which does not "
                    + "see every allocation of native libraries or glibc's unused malloc arenas):\n\n| category |");
            SuiteBench.SERVICES.forEach(kind -> md.append(' ').append(kind.module()).append(" |"));
            md.append("\n|---|---|---|---|\n");
            List<String> categories = new ArrayList<>();
            soak.nativeMemory().values().forEach(map -> map.keySet().stream()
                    .filter(category -> !categories.contains(category)).forEach(categories::add));
            for (String category : categories) {
                // categories under 1 MiB everywhere are left out
                if (soak.nativeMemory().values().stream().allMatch(map -> map.getOrDefault(category, 0L) < 1024)) {
                    continue;
                }
                md.append("| ").append(category).append(" |");
                SuiteBench.SERVICES.forEach(kind -> md.append(String.format(Locale.ROOT, " %.0f |",
                        soak.nativeMemory().get(kind).getOrDefault(category, 0L) / 1024.0)));
                md.append('\n');
            }
        }
    }

    private static String loadAverageNow() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
