package dev.arca.bench.suite;

import dev.arca.admin.kbs.KbsAdminClient;
import dev.arca.admin.keys.AdminKeyStore;
import dev.arca.admin.keys.AdminKeys;
import dev.arca.agent.kbs.TeeKeyAlgorithm;
import dev.arca.bench.agent.AgentColdStart;
import dev.arca.bench.load.AttestationLoad;
import dev.arca.bench.load.GuestLoad;
import dev.arca.bench.load.LoadResult;
import dev.arca.bench.load.NoopLoad;
import dev.arca.launcher.suite.NativeHeapTrim;
import dev.arca.launcher.suite.ServiceJars;
import dev.arca.launcher.suite.ServiceKind;
import dev.arca.launcher.suite.ServiceProcess;
import dev.arca.launcher.suite.Suite;
import dev.arca.launcher.suite.SuiteLayout;
import dev.arca.launcher.suite.SuiteListener;
import dev.arca.launcher.suite.SuitePorts;
import dev.arca.model.caller.CallerKeyFile;
import dev.arca.model.json.Base64s;
import dev.arca.model.resource.ResourceUri;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./arca bench}: starts the suite in a scratch directory, provisions the sample flow (as {@code ./arca demo}
 * does), and measures what docs/performance.md reports: start-up to ready per service, the no-op floor per service,
 * the flow's crypto floor (JMH), then at each concurrency complete flows per second, latency percentiles, CPU and
 * allocation per flow per service and the load generator's CPU; finally resident memory. The report (Markdown and a
 * PNG plot) replaces the marked section of docs/performance.md.
 *
 * <p>CPU per flow is the process CPU time (user + system) each service spent during a level divided by the flows
 * completed: unlike throughput it hardly depends on what else the machine runs.
 */
public final class SuiteBench {

    static final String RESOURCE = "bench/key/secret";
    static final String REFERENCE_VALUES = "{\"svn\":[\"1\"],\"launch_digest\":[\"abcde\"],"
            + "\"major_version\":1,\"minimum_minor_version\":0}";
    static final String POLICY = "input.submods.cpu0[\"ear.status\"] == \"affirming\""
            + " && \"sample\" in input.submods.cpu0[\"ear.veraison.annotated-evidence\"]";
    static final List<ServiceKind> SERVICES = List.of(ServiceKind.KBS, ServiceKind.ATTESTATION_SERVICE, ServiceKind.RVPS);

    /** Requests of one complete flow per service: auth, attest, resource at the KBS; one attestation at the AS. */
    static final Map<ServiceKind, Integer> REQUESTS_PER_FLOW =
            Map.of(ServiceKind.KBS, 3, ServiceKind.ATTESTATION_SERVICE, 1, ServiceKind.RVPS, 0);

    static final String USAGE = """
            usage: ./arca bench [--guests 1,2,4,8,16] [--seconds 20] [--warmup-flows 4000] [--noop-requests 20000]
                                [--java-opts "-Xms64m -Xmx192m -XX:+UseSerialGC ..."] [--property NAME=VALUE]...
                                [--settle-chunks 8] [--agent-runs 5] [--tdx-rounds 5] [--soak SECONDS] [--soak-guests N]
                                [--report docs/performance.md] [--plot docs/images/bench-throughput-latency.png]
            Starts a scratch suite, measures it and writes the report section of --report (docs/performance.md).
            --settle-chunks: after --warmup-flows, up to that many chunks of 1000 flows while the JIT compilers
                             still take 5 % or more of the services' CPU.
            --agent-runs: the agent's cold start to first secret, as many fresh processes (0: not measured).
            --tdx-rounds: rounds of 400 real-TDX-quote and 400 sample attestations at the AS (0: not measured;
                          skipped when the real-evidence corpus is absent).
            --soak: after the levels, that many seconds at --soak-guests (default: the highest level) with resident
                    memory sampled over time and the services' native memory summary (NMT) at the end.""";

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("arca bench: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        Path dir = Files.createTempDirectory("arca-bench");
        SuiteLayout layout = new SuiteLayout(dir);
        AdminKeyStore keys = new AdminKeyStore(dir);
        keys.init();
        AdminKeys admin = keys.load();
        Map<ServiceKind, Duration> ready = new EnumMap<>(ServiceKind.class);
        Map<ServiceKind, Duration> readyCpu = new EnumMap<>(ServiceKind.class);
        Optional<TdxLeg> tdx = options.tdxRounds() > 0 ? TdxLeg.find() : Optional.empty();
        if (options.tdxRounds() > 0 && tdx.isEmpty()) {
            say("TDX leg skipped: no real-evidence corpus with %s (set ARCA_VECTORS)", TdxLeg.QUOTE);
        }
        Map<ServiceKind, List<String>> arguments = serviceArguments(options.properties());
        if (tdx.isPresent()) {
            arguments.get(ServiceKind.ATTESTATION_SERVICE).addAll(tdx.get().asArguments(dir));
        }
        Suite suite = new Suite(SuitePorts.free());
        Runtime.getRuntime().addShutdownHook(new Thread(suite::close, "arca-bench-stop"));
        say("starting the suite in %s with %s", dir, options.serviceJvmOptions());
        suite.launch(ServiceJars.fromEnvironment(), layout, options.serviceJvmOptions(), arguments,
                new SuiteListener() {
                    private final Map<ServiceKind, Long> pids = new EnumMap<>(ServiceKind.class);

                    @Override
                    public void starting(ServiceKind kind, String url, long pid) {
                        pids.put(kind, pid);
                    }

                    @Override
                    public void ready(ServiceKind kind, Duration after) {
                        ready.put(kind, after);
                        // the CPU a start costs hardly depends on the machine's load, its wall time does
                        readyCpu.put(kind, ProcessHandle.of(pids.get(kind)).flatMap(p -> p.info().totalCpuDuration())
                                .orElse(Duration.ZERO));
                    }
                }, START_TIMEOUT);
        try {
            BenchReport report = new BenchReport(options, Instant.now(), loadAverage(), ready, readyCpu);
            run(suite, layout, admin, options, tdx, report);
            report.write(options.report(), options.plot());
            say("report written to %s and %s", options.report(), options.plot());
        } finally {
            suite.close();
        }
    }

    private static void run(Suite suite, SuiteLayout layout, AdminKeys admin, BenchOptions options,
            Optional<TdxLeg> tdx, BenchReport report) throws Exception {
        Map<ServiceKind, ProcessMeter> meters = new EnumMap<>(ServiceKind.class);
        for (ServiceProcess process : suite.running()) {
            meters.put(process.kind(), new ProcessMeter(process.pid()));
        }
        provision(URI.create(suite.url(ServiceKind.KBS)), admin);
        GuestLoad load = new GuestLoad(URI.create(suite.url(ServiceKind.KBS)),
                ResourceUri.parse("kbs:///" + RESOURCE), TeeKeyAlgorithm.P256);
        NoopLoad noop = new NoopLoad();

        say("warm-up: %d flows, %d no-op requests per service", options.warmupFlows(), options.noopRequests());
        requireNoFailures(load.run(4, options.warmupFlows(), Duration.ofMinutes(10)), "warm-up");
        report.warmup(options.warmupFlows() + settleJit(load, meters, options.settleChunks()));
        for (ServiceKind kind : SERVICES) {
            noop.run(URI.create(suite.url(kind) + "/healthz"), 4, options.noopRequests());
        }

        for (ServiceKind kind : SERVICES) {
            ProcessMeter meter = meters.get(kind);
            ProcessMeter.Reading before = meter.read();
            int ok = noop.run(URI.create(suite.url(kind) + "/healthz"), 4, options.noopRequests());
            ProcessMeter.Reading used = meter.read().minus(before);
            report.floor(kind, used.cpuNanos() / 1e6 / ok, used.allocatedBytes() / (double) ok);
            say("floor %s: %.3f ms CPU per no-op request", kind.module(), used.cpuNanos() / 1e6 / ok);
        }

        // what a service burns with no request at all (schedulers, pools, metrics) is paid per second, not per flow:
        // at a low flow rate it weighs on every flow
        Map<ServiceKind, ProcessMeter.Reading> idleBefore = read(meters);
        Thread.sleep(IDLE.toMillis());
        read(meters).forEach((kind, reading) -> {
            ProcessMeter.Reading idle = reading.minus(idleBefore.get(kind));
            report.idle(kind, (idle.cpuNanos() - idle.jitNanos()) / 1e6 / IDLE.toSeconds());
        });

        say("crypto floor (FlowCryptoBenchmark's operations, CPU time)");
        CryptoFloor.measure(2_000_000_000L, 3_000_000_000L).forEach(report::crypto);

        for (int guests : options.levels()) {
            Map<ServiceKind, ProcessMeter.Reading> before = read(meters);
            long generatorBefore = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
            LoadResult result = load.run(guests, Integer.MAX_VALUE, options.levelDuration());
            long generator = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() - generatorBefore;
            Map<ServiceKind, ProcessMeter.Reading> used = new EnumMap<>(ServiceKind.class);
            read(meters).forEach((kind, reading) -> used.put(kind, reading.minus(before.get(kind))));
            report.level(guests, result, used, generator);
            say("%2d guests: %.1f flows/s, p50 %.1f ms, p99 %.1f ms, KBS %.2f + AS %.2f + RVPS %.2f ms CPU per flow "
                    + "(JIT %.2f), %d failed", guests, result.perSecond(), result.percentileMillis(50),
                    result.percentileMillis(99), perFlow(used, ServiceKind.KBS, result),
                    perFlow(used, ServiceKind.ATTESTATION_SERVICE, result), perFlow(used, ServiceKind.RVPS, result),
                    SERVICES.stream().mapToDouble(kind -> used.get(kind).jitNanos() / 1e6).sum()
                            / Math.max(1, result.completed()),
                    result.failures());
        }

        if (options.agentRuns() > 0) {
            say("agent cold start to first secret: %d fresh processes", options.agentRuns());
            AgentColdStart.Result agent = AgentColdStart.measure(
                    Path.of(System.getProperty("arca.home", "."), "attestation-agent/target/attestation-agent-exec.jar"),
                    suite.url(ServiceKind.KBS), "kbs:///" + RESOURCE, options.agentRuns(),
                    List.of(AgentColdStart.DEFAULT_JVM.split(" ")));
            report.agent(agent);
            say("agent: median %.0f ms, peak resident memory %d MiB", agent.medianMillis(), agent.medianPeakMib());
        }
        if (tdx.isPresent()) {
            say("TDX leg: %d rounds of %d real TDX quotes and %d sample attestations at the AS", options.tdxRounds(),
                    TDX_PER_ROUND, TDX_PER_ROUND);
            PrivateKey kbsKey = CallerKeyFile.loadOrCreate(Suite.callerKey(layout, ServiceKind.KBS))
                    .privateKey();
            TdxLeg.Result result = tdx.get().measure(
                    new AttestationLoad(URI.create(suite.url(ServiceKind.ATTESTATION_SERVICE)), (ECPrivateKey) kbsKey),
                    meters.get(ServiceKind.ATTESTATION_SERVICE), 2, TDX_WARMUP, options.tdxRounds(), TDX_PER_ROUND);
            report.tdx(result);
            say("TDX leg: AS %.3f ms per TDX attestation, %.3f ms per sample one: %.3f ms more (%.3f ms without the"
                    + " JIT)", result.tdxMillis(), result.sampleMillis(), result.extraMillis(),
                    result.extraWithoutJitMillis());
        }
        if (!options.soak().isZero()) {
            int guests = options.soakGuests() > 0 ? options.soakGuests()
                    : options.levels().stream().mapToInt(Integer::intValue).max().orElse(16);
            say("soak: %d guests for %d s", guests, options.soak().toSeconds());
            Soak.Result soak = Soak.run(load, guests, options.soak(), meters);
            report.soak(soak);
            say("soak: %.1f flows/s, %d failed", soak.load().perSecond(), soak.load().failures());
        }
        meters.forEach((kind, meter) -> report.memory(kind, meter.residentMib(), meter.peakResidentMib()));
    }

    /** Longer than {@code ./arca up}'s: on two cores shared with other builds a start took 190 s (10:29). */
    static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    /** How long the services' CPU is measured with no load. */
    static final Duration IDLE = Duration.ofSeconds(10);

    /** Attestations of each kind per round of the TDX leg. */
    static final int TDX_PER_ROUND = 400;
    /**
     * Attestations of each kind before the TDX leg is measured: the TDX path runs in no other part of the bench, so
     * its code is still interpreted or being compiled at first (1,000 left the C2 compiler at work in the rounds).
     */
    static final int TDX_WARMUP = 4000;

    /**
     * More warm-up while the JIT compilers still take a large share of the services' CPU: on two loaded cores C2 was
     * still compiling the flow's code after 4,000 flows, and the first levels paid for it (3.4 ms of 10 ms per flow
     * at 1 guest in the run of 10:18). Chunks of {@link #SETTLE_CHUNK} flows until the compilers' share of a chunk
     * falls under {@link #JIT_SETTLED}, at most {@code chunks} ({@code --settle-chunks}).
     *
     * @return the flows run here
     */
    private static int settleJit(GuestLoad load, Map<ServiceKind, ProcessMeter> meters, int chunks)
            throws Exception {
        for (int chunk = 1; chunk <= chunks; chunk++) {
            Map<ServiceKind, ProcessMeter.Reading> before = read(meters);
            requireNoFailures(load.run(4, SETTLE_CHUNK, Duration.ofMinutes(5)), "warm-up");
            long cpu = 0;
            long jit = 0;
            for (Map.Entry<ServiceKind, ProcessMeter.Reading> now : read(meters).entrySet()) {
                ProcessMeter.Reading used = now.getValue().minus(before.get(now.getKey()));
                cpu += used.cpuNanos();
                jit += used.jitNanos();
            }
            double share = jit / (double) Math.max(1, cpu);
            say("warm-up: JIT compilers %.0f %% of the services' CPU over %d more flows", 100 * share, SETTLE_CHUNK);
            if (share < JIT_SETTLED) {
                return chunk * SETTLE_CHUNK;
            }
        }
        return chunks * SETTLE_CHUNK;
    }

    static final int SETTLE_CHUNK = 1000;
    static final double JIT_SETTLED = 0.05;

    /** The KBS's /auth rate limit lifted (all load comes from one address), and {@code --property} on every service. */
    private static Map<ServiceKind, List<String>> serviceArguments(List<String> properties) {
        Map<ServiceKind, List<String>> arguments = new EnumMap<>(ServiceKind.class);
        for (ServiceKind kind : SERVICES) {
            List<String> list = new ArrayList<>();
            properties.forEach(property -> list.add("--" + property));
            arguments.put(kind, list);
        }
        arguments.get(ServiceKind.KBS).add("--arca.kbs.rate-limit.auth.enabled=false");
        return arguments;
    }

    private static double perFlow(Map<ServiceKind, ProcessMeter.Reading> used, ServiceKind kind, LoadResult result) {
        return used.get(kind).cpuNanos() / 1e6 / Math.max(1, result.completed());
    }

    private static Map<ServiceKind, ProcessMeter.Reading> read(Map<ServiceKind, ProcessMeter> meters) {
        Map<ServiceKind, ProcessMeter.Reading> readings = new EnumMap<>(ServiceKind.class);
        meters.forEach((kind, meter) -> readings.put(kind, meter.read()));
        return readings;
    }

    /** Reference values, a secret and a resource policy for the sample guest, through the KBS admin API. */
    private static void provision(URI kbs, AdminKeys admin) throws Exception {
        KbsAdminClient client = new KbsAdminClient(kbs, () -> admin.signToken(Clock.systemUTC()));
        client.postJson("/kbs/v0/reference-value", Map.of("version", "0.1.0", "type", "sample",
                "payload", Base64s.std(REFERENCE_VALUES.getBytes(StandardCharsets.UTF_8))));
        client.post("/kbs/v0/resource/" + RESOURCE, "application/octet-stream",
                "a benchmark secret".getBytes(StandardCharsets.UTF_8));
        client.postJson("/kbs/v0/resource-policy",
                Map.of("policy", Base64s.url(POLICY.getBytes(StandardCharsets.UTF_8))));
    }

    private static void requireNoFailures(LoadResult result, String what) {
        if (result.failures() > 0) {
            throw new IllegalStateException(what + ": " + result.failures() + " flows failed");
        }
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    static void say(String format, Object... args) {
        System.out.printf("arca bench: " + format + "%n", args);
    }

    /** Command-line options of {@code ./arca bench}. */
    record BenchOptions(List<Integer> levels, Duration levelDuration, int warmupFlows, int noopRequests,
            List<String> jvmOptions, List<String> properties, int settleChunks, int agentRuns, int tdxRounds, Duration soak,
            int soakGuests, Path report, Path plot) {

        private static final List<String> NAMES = List.of("--guests", "--seconds", "--warmup-flows", "--noop-requests",
                "--java-opts", "--property", "--settle-chunks", "--agent-runs", "--tdx-rounds", "--soak", "--soak-guests", "--report",
                "--plot");

        /**
         * The services' JVM options: {@code --java-opts} with the launcher's native heap trim, and for a soak the JVM's
         * native memory tracking (summary level, a few per cent of CPU), so that the report can say where resident
         * memory went.
         */
        List<String> serviceJvmOptions() {
            List<String> options = NativeHeapTrim.added(jvmOptions); // as the launcher runs the services
            if (soak.isZero() || options.stream().anyMatch(option -> option.contains("NativeMemoryTracking"))) {
                return options;
            }
            List<String> withTracking = new ArrayList<>(options);
            withTracking.add("-XX:NativeMemoryTracking=summary");
            return withTracking;
        }

        static BenchOptions parse(String[] args) {
            for (int i = 0; i < args.length; i += 2) {
                if (!NAMES.contains(args[i]) || i + 1 >= args.length) {
                    throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
                }
            }
            List<Integer> levels = new ArrayList<>();
            for (String level : option(args, "--guests", "1,2,4,8,16").split(",")) {
                levels.add(Integer.parseInt(level.trim()));
            }
            return new BenchOptions(levels,
                    Duration.ofSeconds(Long.parseLong(option(args, "--seconds", "20"))),
                    Integer.parseInt(option(args, "--warmup-flows", "4000")),
                    Integer.parseInt(option(args, "--noop-requests", "20000")),
                    List.of(option(args, "--java-opts",
                            "-Xms64m -Xmx192m -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED").trim().split("\\s+")),
                    all(args, "--property"),
                    Integer.parseInt(option(args, "--settle-chunks", "8")),
                    Integer.parseInt(option(args, "--agent-runs", "5")),
                    Integer.parseInt(option(args, "--tdx-rounds", "5")),
                    Duration.ofSeconds(Long.parseLong(option(args, "--soak", "0"))),
                    Integer.parseInt(option(args, "--soak-guests", "0")),
                    Path.of(option(args, "--report", "docs/performance.md")),
                    Path.of(option(args, "--plot", "docs/images/bench-throughput-latency.png")));
        }

        /** Every value of a repeatable option. */
        private static List<String> all(String[] args, String name) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < args.length - 1; i++) {
                if (args[i].equals(name)) {
                    values.add(args[i + 1]);
                }
            }
            return values;
        }

        private static String option(String[] args, String name, String fallback) {
            for (int i = 0; i < args.length - 1; i++) {
                if (args[i].equals(name)) {
                    return args[i + 1];
                }
            }
            return fallback;
        }
    }
}
