package dev.arca.launcher;

import dev.arca.admin.keys.AdminKeyException;
import dev.arca.admin.keys.AdminKeyStore;
import dev.arca.launcher.suite.LaunchFailure;
import dev.arca.launcher.suite.PortCheck;
import dev.arca.launcher.suite.PortCheck.NamedPort;
import dev.arca.launcher.suite.ScaleOut;
import dev.arca.launcher.suite.ServiceJars;
import dev.arca.launcher.suite.ServiceKind;
import dev.arca.launcher.suite.ServiceProcess;
import dev.arca.launcher.suite.SharedDatabase;
import dev.arca.launcher.suite.Suite;
import dev.arca.launcher.suite.SuiteLayout;
import dev.arca.launcher.suite.SuiteListener;
import dev.arca.launcher.suite.SuitePorts;
import dev.arca.launcher.suite.SuiteState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./arca up}: runs the three services until Ctrl-C or TERM, then stops all three; with {@code --postgres} on
 * one PostgreSQL database, and then optionally several KBS and AS replicas (docs/deployment.md "High availability").
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start rvps-service, attestation-service and kbs-service on this host until Ctrl-C.")
final class UpCommand implements Callable<Integer> {

    @ParentCommand
    ArcaCommand arca;

    @Mixin
    Verbosity verbosity;

    @Option(names = "--dir", defaultValue = "${env:ARCA_DIR:-.arca}",
            description = "state directory (env ARCA_DIR, as for ./arca admin; default: .arca)")
    Path dir;

    @Option(names = "--kbs-port", defaultValue = "8080", description = "KBS port (default: ${DEFAULT-VALUE})")
    int kbsPort;

    @Option(names = "--as-port", defaultValue = "8081", description = "AS port (default: ${DEFAULT-VALUE})")
    int asPort;

    @Option(names = "--rvps-port", defaultValue = "8082", description = "RVPS port (default: ${DEFAULT-VALUE})")
    int rvpsPort;

    @Option(names = "--rvps-grpc-port", defaultValue = "50003",
            description = "RVPS gRPC port for upstream attestation services, 0 = off (default: ${DEFAULT-VALUE})")
    int rvpsGrpcPort;

    @Option(names = "--postgres", paramLabel = "JDBC-URL", defaultValue = "${env:ARCA_POSTGRES_URL}",
            description = "run the three services on this PostgreSQL database (jdbc:postgresql://host:port/db), each in"
                    + " its own schema (kbs, attestation, rvps), instead of H2 files; env ARCA_POSTGRES_URL")
    String postgresUrl;

    @Option(names = "--postgres-user", paramLabel = "USER", defaultValue = "${env:ARCA_POSTGRES_USER}",
            description = "database user (env ARCA_POSTGRES_USER)")
    String postgresUser;

    @Option(names = "--postgres-password", paramLabel = "PASSWORD", defaultValue = "${env:ARCA_POSTGRES_PASSWORD}",
            description = "database password; prefer the environment variable ARCA_POSTGRES_PASSWORD, which the"
                    + " process list does not show")
    String postgresPassword;

    @Option(names = "--kbs-replicas", defaultValue = "1",
            description = "KBS processes behind --kbs-port (needs --postgres; default: ${DEFAULT-VALUE})")
    int kbsReplicas;

    @Option(names = "--as-replicas", defaultValue = "1",
            description = "attestation-service processes behind --as-port (needs --postgres; default: ${DEFAULT-VALUE})")
    int asReplicas;

    @Option(names = "--replica-ports-from", paramLabel = "PORT", defaultValue = "18080",
            description = "with replicas: the first of the consecutive ports the KBS replicas, then the AS replicas"
                    + " listen on (default: ${DEFAULT-VALUE})")
    int replicaPortsFrom;

    @Option(names = "--java-opts", paramLabel = "OPTS", defaultValue = SuiteOptions.COMMON,
            description = "JVM options for each service (default: ${DEFAULT-VALUE})")
    String javaOptions;

    @Override
    public Integer call() throws LaunchFailure, InterruptedException {
        PrintStream out = arca.out();
        SuiteLayout layout = SuiteDirectory.require(dir, false);
        Optional<SuiteState> running = SuiteState.read(layout).filter(SuiteState::launcherAlive);
        if (running.isPresent()) {
            throw LaunchFailure.failure("a suite already runs in " + layout.dir() + " (launcher pid "
                    + running.get().launcherPid() + "): see ./arca status" + SuiteDirectory.option(dir)
                    + "; stop it or choose another --dir");
        }
        SuitePorts ports = new SuitePorts(kbsPort, asPort, rvpsPort, rvpsGrpcPort);
        ScaleOut scaleOut = scaleOut();
        List<NamedPort> toCheck = new ArrayList<>(List.of(new NamedPort("--kbs-port", kbsPort),
                new NamedPort("--as-port", asPort), new NamedPort("--rvps-port", rvpsPort),
                new NamedPort("--rvps-grpc-port", rvpsGrpcPort)));
        for (ServiceKind kind : List.of(ServiceKind.KBS, ServiceKind.ATTESTATION_SERVICE)) {
            for (int port : scaleOut.replicaPorts(kind)) {
                toCheck.add(new NamedPort("--replica-ports-from (" + kind.module() + " replica)", port));
            }
        }
        PortCheck.check(toCheck);
        SuiteDirectory.require(dir, true);
        AdminKeyStore.InitResult admin;
        try {
            admin = new AdminKeyStore(layout.dir()).init();
        } catch (AdminKeyException e) {
            throw LaunchFailure.failure(e.getMessage(), e);
        }

        Suite suite = new Suite(ports, scaleOut);
        // registered before the first service starts: TERM or Ctrl-C at any moment stops what has started
        AtomicBoolean stopping = new AtomicBoolean();
        Thread shutdown = new Thread(() -> {
            stopping.set(true);
            out.println("\narca: stopping the services");
            suite.close();
            SuiteState.delete(layout);
        }, "arca-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);

        long begin = System.nanoTime();
        out.println("arca: starting the suite in " + layout.dir());
        Progress progress = new Progress(out);
        try {
            suite.startAll(ServiceJars.fromEnvironment(), layout, SuiteOptions.split(javaOptions), Map.of(), progress);
            writeState(layout, suite); // from now on ./arca status shows each service, ready or still starting
            suite.awaitReady(Suite.START_TIMEOUT, progress);
            writeState(layout, suite); // with the replicas started after the first ones
        } catch (LaunchFailure | InterruptedException | RuntimeException e) {
            stop(suite, layout, shutdown);
            throw e;
        }
        new ReadyBanner(layout, dir, ports, admin.privateKeyFile(), admin.createdPrivateKey(),
                (System.nanoTime() - begin) / 1e9).lines().forEach(out::println);
        if (scaleOut.database() != null) {
            out.println("  on PostgreSQL " + scaleOut.database().url() + " (schemas kbs, attestation, rvps)");
        }
        for (ServiceKind kind : List.of(ServiceKind.KBS, ServiceKind.ATTESTATION_SERVICE)) {
            if (!scaleOut.replicaPorts(kind).isEmpty()) {
                out.println("  " + kind.module() + " replicas on " + scaleOut.replicaPorts(kind)
                        + ", taking connections from " + ports.url(kind) + " in turn");
            }
        }

        while (!stopping.get()) {
            Optional<ServiceProcess> exited = suite.firstExited();
            if (exited.isPresent() && !stopping.get() && scaleOut.replicas(exited.get().kind()) > 1) {
                // the other replicas carry on meanwhile, as with a crashed pod that Kubernetes starts again
                ServiceProcess replica = exited.get();
                out.println("arca: the " + replica.kind().module() + " replica on " + replica.url()
                        + " stopped on its own (status " + replica.exitValue() + "); starting it again (log "
                        + replica.log() + ")");
                try {
                    suite.restart(replica, Suite.START_TIMEOUT);
                    writeState(layout, suite);
                    out.println("arca: the " + replica.kind().module() + " replica on " + replica.url() + " is ready");
                } catch (LaunchFailure e) {
                    if (stopping.get()) {
                        break;
                    }
                    stop(suite, layout, shutdown);
                    throw e;
                }
                continue;
            }
            if (exited.isPresent() && !stopping.get()) {
                stop(suite, layout, shutdown);
                throw LaunchFailure.failure(exited.get().kind().module() + " stopped on its own (status "
                        + exited.get().exitValue() + "), so the others were stopped too: see " + exited.get().log(),
                        exited.get().tail(20));
            }
            Thread.sleep(500);
        }
        return 0;
    }

    /** The database and replicas the options ask for; a usage failure for replicas without PostgreSQL. */
    private ScaleOut scaleOut() throws LaunchFailure {
        if (kbsReplicas < 1 || asReplicas < 1) {
            throw LaunchFailure.usage("--kbs-replicas and --as-replicas count processes: 1 or more");
        }
        boolean replicated = kbsReplicas > 1 || asReplicas > 1;
        if (postgresUrl == null || postgresUrl.isBlank()) {
            if (replicated) {
                throw LaunchFailure.usage("several replicas need --postgres JDBC-URL: replicas share one database,"
                        + " and the H2 file of one replica cannot be shared");
            }
            return ScaleOut.NONE;
        }
        SharedDatabase database;
        try {
            database = new SharedDatabase(postgresUrl.strip(), postgresUser, postgresPassword);
        } catch (IllegalArgumentException e) {
            throw LaunchFailure.usage("--postgres: " + e.getMessage());
        }
        List<Integer> kbsPorts = new ArrayList<>();
        List<Integer> asPorts = new ArrayList<>();
        int port = replicaPortsFrom;
        for (int i = 0; kbsReplicas > 1 && i < kbsReplicas; i++) {
            kbsPorts.add(port++);
        }
        for (int i = 0; asReplicas > 1 && i < asReplicas; i++) {
            asPorts.add(port++);
        }
        return new ScaleOut(database, kbsPorts, asPorts);
    }

    /** Stops the suite here rather than only in the shutdown hook: the JVM may live on (a test runs ./arca in its own). */
    private static void stop(Suite suite, SuiteLayout layout, Thread shutdown) {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdown);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already and does the same
        }
        suite.close();
        SuiteState.delete(layout);
    }

    private static void writeState(SuiteLayout layout, Suite suite) throws LaunchFailure {
        List<SuiteState.Service> services = new ArrayList<>();
        for (ServiceKind kind : ServiceKind.values()) {
            List<ServiceProcess> replicas = suite.replicas(kind);
            for (int i = 0; i < replicas.size(); i++) {
                ServiceProcess p = replicas.get(i);
                services.add(new SuiteState.Service(i == 0 ? kind.module() : kind.module() + "-" + (i + 1), p.url(),
                        p.pid(), p.log().toString()));
            }
        }
        try {
            new SuiteState(ProcessHandle.current().pid(), Instant.now().toString(), services,
                    suite.ports().rvpsGrpc()).write(layout);
        } catch (IOException e) {
            throw LaunchFailure.failure("cannot write " + SuiteState.file(layout) + ": " + e.getMessage(), e);
        }
    }

    /** One line as each service starts and one as it becomes ready. */
    record Progress(PrintStream out) implements SuiteListener {

        @Override
        public void starting(ServiceKind kind, String url, long pid) {
            out.printf("  %-20s starting on %s (pid %d)%n", kind.module(), url, pid);
        }

        @Override
        public void ready(ServiceKind kind, Duration after) {
            out.printf("  %-20s ready after %.1f s%n", kind.module(), after.toMillis() / 1000.0);
        }
    }
}
