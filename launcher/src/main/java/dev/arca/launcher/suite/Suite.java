package dev.arca.launcher.suite;

import dev.arca.model.caller.CallerKeyFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * rvps-service, attestation-service and kbs-service as processes on this host, wired to each other, with embedded
 * storage under one directory or, with a {@link ScaleOut}, on one PostgreSQL database and with several KBS and AS
 * replicas behind {@link RoundRobinFront}s. Used by {@code ./arca up}, {@code ./arca demo} and the integration tests.
 * {@link #close()} may come from another thread at any moment (a shutdown hook on TERM or Ctrl-C): whatever has
 * been started by then is stopped, and nothing is started after it.
 */
public final class Suite implements AutoCloseable {

    public static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final List<ServiceKind> START_ORDER =
            List.of(ServiceKind.RVPS, ServiceKind.ATTESTATION_SERVICE, ServiceKind.KBS);

    private final SuitePorts ports;
    private final ScaleOut scaleOut;
    private final List<ServiceProcess> processes = new ArrayList<>();
    private final List<RoundRobinFront> fronts = new ArrayList<>();
    /** Replicas after the first of each service, started once the first ones are ready (see {@link #startAll}). */
    private final List<ServiceProcess.Launch> laterReplicas = new ArrayList<>();
    private boolean closed;
    private long begin = System.nanoTime();

    public Suite(SuitePorts ports) {
        this(ports, ScaleOut.NONE);
    }

    public Suite(SuitePorts ports, ScaleOut scaleOut) {
        this.ports = ports;
        this.scaleOut = scaleOut;
    }

    /**
     * Starts the three services and waits until all are ready, silently (the integration tests' entry); a failure
     * carries the end of the failing service's log in its message, for the test report.
     */
    public static Suite start(ServiceJars jars, SuiteLayout layout, SuitePorts ports, List<String> jvmOptions,
            Map<ServiceKind, List<String>> extraArguments) throws InterruptedException {
        return start(jars, layout, ports, ScaleOut.NONE, jvmOptions, extraArguments);
    }

    /** As {@link #start(ServiceJars, SuiteLayout, SuitePorts, List, Map)}, on PostgreSQL and with replicas. */
    public static Suite start(ServiceJars jars, SuiteLayout layout, SuitePorts ports, ScaleOut scaleOut,
            List<String> jvmOptions, Map<ServiceKind, List<String>> extraArguments) throws InterruptedException {
        Suite suite = new Suite(ports, scaleOut);
        try {
            suite.launch(jars, layout, jvmOptions, extraArguments, SuiteListener.SILENT, START_TIMEOUT);
        } catch (LaunchFailure e) {
            throw new IllegalStateException(e.getMessage() + (e.detail() == null ? "" : ":\n" + e.detail()), e);
        }
        return suite;
    }

    /**
     * Starts the three services at once (they start in parallel; each only needs the others when a request comes)
     * and waits until all are ready, telling the listener as each one starts and becomes ready. On any failure the
     * services started so far are stopped. {@code extraArguments} adds Spring properties per service.
     */
    public void launch(ServiceJars jars, SuiteLayout layout, List<String> jvmOptions,
            Map<ServiceKind, List<String>> extraArguments, SuiteListener listener, Duration timeout)
            throws LaunchFailure, InterruptedException {
        startAll(jars, layout, jvmOptions, extraArguments, listener);
        awaitReady(timeout, listener);
    }

    /**
     * Starts the three processes without waiting for them; on failure stops those started. With replicas, the first
     * replica of each service starts now and the others once the first ones are ready ({@link #awaitReady}): the
     * first makes the keys every replica must share (the KBS's key-encryption key and CA, the AS's token signing key)
     * in the service's data directory, which the later replicas then only read.
     */
    public void startAll(ServiceJars jars, SuiteLayout layout, List<String> jvmOptions,
            Map<ServiceKind, List<String>> extraArguments, SuiteListener listener) throws LaunchFailure {
        try {
            // the caller keys exist before any service starts: each callee reads its callers' public keys at start
            CallerKeyFile.loadOrCreate(callerKey(layout, ServiceKind.KBS));
            CallerKeyFile.loadOrCreate(callerKey(layout, ServiceKind.ATTESTATION_SERVICE));
            Map<ServiceKind, java.nio.file.Path> jarFiles = new EnumMap<>(ServiceKind.class);
            for (ServiceKind kind : START_ORDER) {
                jarFiles.put(kind, jars.jar(kind)); // all present before anything starts
            }
            begin = System.nanoTime();
            for (ServiceKind kind : START_ORDER) {
                List<Integer> replicaPorts = scaleOut.replicaPorts(kind);
                if (!replicaPorts.isEmpty()) {
                    registerFront(RoundRobinFront.open(ports.of(kind), replicaPorts));
                }
                int replicas = scaleOut.replicas(kind);
                for (int replica = 0; replica < replicas; replica++) {
                    int port = replicaPorts.isEmpty() ? ports.of(kind) : replicaPorts.get(replica);
                    List<String> arguments = new ArrayList<>(arguments(kind, layout, ports));
                    arguments.add("--server.port=" + port);
                    if (scaleOut.database() != null) {
                        arguments.addAll(scaleOut.database().arguments(kind));
                    }
                    arguments.addAll(extraArguments.getOrDefault(kind, List.of()));
                    ServiceProcess.Launch launch = new ServiceProcess.Launch(kind, jarFiles.get(kind), jvmOptions,
                            arguments, scaleOut.database() == null ? Map.of() : scaleOut.database().environment(),
                            "http://127.0.0.1:" + port, replicaLog(layout, kind, replica));
                    if (replica == 0) {
                        ServiceProcess process = register(launch.start());
                        listener.starting(kind, launch.baseUrl(), process.pid());
                    } else {
                        synchronized (this) {
                            laterReplicas.add(launch);
                        }
                    }
                }
            }
        } catch (IOException e) {
            close();
            throw LaunchFailure.failure("cannot start a service process: " + e.getMessage(), e);
        } catch (LaunchFailure | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Replica 1 logs to the service's log file, replica N to {@code <service>-N.log} beside it. */
    static Path replicaLog(SuiteLayout layout, ServiceKind kind, int replica) {
        Path log = layout.logFile(kind);
        return replica == 0 ? log : log.resolveSibling(kind.module() + "-" + (replica + 1) + ".log");
    }

    /**
     * Waits until every started service is ready, telling the listener as each becomes so; on failure, timeout or
     * interruption stops them all.
     */
    public void awaitReady(Duration timeout, SuiteListener listener) throws LaunchFailure, InterruptedException {
        try {
            awaitEach(running(), begin + timeout.toNanos(), timeout, listener);
            List<ServiceProcess.Launch> later;
            synchronized (this) {
                later = List.copyOf(laterReplicas);
                laterReplicas.clear();
            }
            if (!later.isEmpty()) {
                long secondWave = System.nanoTime();
                List<ServiceProcess> started = new ArrayList<>();
                for (ServiceProcess.Launch launch : later) {
                    ServiceProcess process = register(launch.start());
                    started.add(process);
                    listener.starting(launch.kind(), launch.baseUrl(), process.pid());
                }
                awaitEach(started, secondWave + timeout.toNanos(), timeout, listener);
            }
        } catch (IOException e) {
            close();
            throw LaunchFailure.failure("cannot start a service process: " + e.getMessage(), e);
        } catch (LaunchFailure | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void awaitEach(List<ServiceProcess> processes, long deadline, Duration timeout, SuiteListener listener)
            throws LaunchFailure, InterruptedException {
        List<ServiceProcess> waiting = new ArrayList<>(processes);
        while (!waiting.isEmpty()) {
            for (ServiceProcess process : List.copyOf(waiting)) {
                if (stopped()) {
                    throw LaunchFailure.failure("stopped before the services were ready");
                }
                if (!process.isAlive()) {
                    throw LaunchFailure.failure(process.kind().module() + " exited during start-up (status "
                            + process.exitValue() + "): see " + process.log()
                            + " (or run again with --verbose for its last lines)", process.tail(40));
                }
                if (process.probe().ready()) {
                    waiting.remove(process);
                    listener.ready(process.kind(), Duration.ofNanos(System.nanoTime() - begin));
                }
            }
            if (!waiting.isEmpty() && System.nanoTime() > deadline) {
                ServiceProcess slow = waiting.getFirst();
                throw LaunchFailure.failure(slow.kind().module() + " not ready after " + timeout.toSeconds()
                        + " s: see " + slow.log() + " (or run again with --verbose for its last lines)",
                        slow.tail(40));
            }
            Thread.sleep(250);
        }
    }

    private synchronized ServiceProcess register(ServiceProcess process) throws LaunchFailure {
        if (closed) {
            process.close();
            throw LaunchFailure.failure("stopped before the services were ready");
        }
        processes.add(process);
        return process;
    }

    private synchronized void registerFront(RoundRobinFront front) throws LaunchFailure {
        if (closed) {
            front.close();
            throw LaunchFailure.failure("stopped before the services were ready");
        }
        fronts.add(front);
    }

    /**
     * Starts a replica that stopped (killed by a fault test, or crashed) again with the same command, port and log,
     * and waits until it is ready.
     */
    public ServiceProcess restart(ServiceProcess stopped, Duration timeout) throws LaunchFailure, InterruptedException {
        if (stopped.isAlive()) {
            throw new IllegalStateException(stopped.url() + " still runs");
        }
        ServiceProcess started;
        try {
            started = stopped.launch().start();
        } catch (IOException e) {
            throw LaunchFailure.failure("cannot start " + stopped.kind().module() + " again: " + e.getMessage(), e);
        }
        synchronized (this) {
            int index = processes.indexOf(stopped);
            if (closed || index < 0) {
                started.close();
                throw LaunchFailure.failure("the suite is stopped, or " + stopped.url() + " is not one of its services");
            }
            processes.set(index, started);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!started.probe().ready()) {
            if (!started.isAlive() || System.nanoTime() > deadline) {
                throw LaunchFailure.failure(stopped.kind().module() + " did not start again: see " + started.log(),
                        started.tail(40));
            }
            Thread.sleep(100);
        }
        return started;
    }

    /** The replicas of one service, in start order (one unless the suite scales out). */
    public List<ServiceProcess> replicas(ServiceKind kind) {
        return running().stream().filter(p -> p.kind() == kind).toList();
    }

    public ScaleOut scaleOut() {
        return scaleOut;
    }

    private synchronized boolean stopped() {
        return closed;
    }

    /** The services started so far, in start order. */
    public synchronized List<ServiceProcess> running() {
        return List.copyOf(processes);
    }

    private static List<String> arguments(ServiceKind kind, SuiteLayout layout, SuitePorts ports) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.address=127.0.0.1",
                "--arca.data-dir=" + layout.dataDir(kind),
                "--arca.admin.public-key-files=" + layout.adminPublicKey()));
        // service-to-service credentials (docs/security.md "Callers of internal APIs"): the KBS calls the AS, the AS
        // calls the RVPS, each with a short-lived token signed by its own key, which the callee trusts by file
        switch (kind) {
            case ATTESTATION_SERVICE -> {
                arguments.add("--arca.as.rvps-url=" + ports.url(ServiceKind.RVPS));
                arguments.add("--arca.callers.key-file=" + callerKey(layout, ServiceKind.ATTESTATION_SERVICE));
                arguments.add("--arca.callers.trusted.kbs="
                        + CallerKeyFile.publicKeyFile(callerKey(layout, ServiceKind.KBS)));
            }
            case KBS -> {
                arguments.add("--arca.kbs.as-url=" + ports.url(ServiceKind.ATTESTATION_SERVICE));
                arguments.add("--arca.kbs.rvps-url=" + ports.url(ServiceKind.RVPS));
                arguments.add("--arca.callers.key-file=" + callerKey(layout, ServiceKind.KBS));
            }
            // the RVPS's upstream-compatible gRPC listener is off unless a port is given: two suites on one host
            // (a demo next to ./arca up, or parallel tests) must not collide on its fixed default port
            case RVPS -> {
                arguments.add("--arca.rvps.grpc.port=" + ports.rvpsGrpc());
                arguments.add("--arca.callers.trusted.attestation-service="
                        + CallerKeyFile.publicKeyFile(callerKey(layout, ServiceKind.ATTESTATION_SERVICE)));
            }
        }
        return arguments;
    }

    /** Where a calling service's key lives: its own data directory. */
    public static Path callerKey(SuiteLayout layout, ServiceKind kind) {
        return layout.dataDir(kind).resolve("caller-key.pem");
    }

    public SuitePorts ports() {
        return ports;
    }

    public String url(ServiceKind kind) {
        return ports.url(kind);
    }

    /** The first service that has stopped on its own, if any. */
    public Optional<ServiceProcess> firstExited() {
        return running().stream().filter(p -> !p.isAlive()).findFirst();
    }

    /** Stops the services, asking the KBS first (it depends on the others); safe to call more than once. */
    @Override
    public void close() {
        List<ServiceProcess> toStop;
        List<RoundRobinFront> frontsToClose;
        synchronized (this) {
            closed = true;
            toStop = List.copyOf(processes);
            processes.clear();
            frontsToClose = List.copyOf(fronts);
            fronts.clear();
        }
        frontsToClose.forEach(RoundRobinFront::close);
        // all asked at once, then waited for: three graceful shutdowns in parallel, not one after the other
        for (int i = toStop.size() - 1; i >= 0; i--) {
            toStop.get(i).requestStop();
        }
        for (int i = toStop.size() - 1; i >= 0; i--) {
            toStop.get(i).awaitStop();
        }
    }
}
