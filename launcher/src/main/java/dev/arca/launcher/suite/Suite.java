package dev.arca.launcher.suite;

import dev.arca.model.caller.CallerKeyFile;
import java.nio.file.Path;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * rvps-service, attestation-service and kbs-service as three processes on this host, wired to each other, with
 * embedded storage under one directory. Used by {@code ./arca up}, {@code ./arca demo} and the integration tests.
 */
public final class Suite implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final SuitePorts ports;
    private final List<ServiceProcess> processes;

    private Suite(SuitePorts ports, List<ServiceProcess> processes) {
        this.ports = ports;
        this.processes = processes;
    }

    /**
     * Starts the three services at once (they start in parallel; each only needs the others when a request comes)
     * and waits until all are ready. {@code extraArguments} adds Spring properties per service.
     */
    public static Suite start(ServiceJars jars, SuiteLayout layout, SuitePorts ports, List<String> jvmOptions,
            Map<ServiceKind, List<String>> extraArguments) throws IOException, InterruptedException {
        // the caller keys exist before any service starts: each callee reads its callers' public keys at start
        CallerKeyFile.loadOrCreate(callerKey(layout, ServiceKind.KBS));
        CallerKeyFile.loadOrCreate(callerKey(layout, ServiceKind.ATTESTATION_SERVICE));
        List<ServiceProcess> started = new ArrayList<>();
        Suite suite = new Suite(ports, started);
        try {
            for (ServiceKind kind : List.of(ServiceKind.RVPS, ServiceKind.ATTESTATION_SERVICE, ServiceKind.KBS)) {
                List<String> arguments = new ArrayList<>(arguments(kind, layout, ports));
                arguments.addAll(extraArguments.getOrDefault(kind, List.of()));
                started.add(ServiceProcess.start(kind, jars.jar(kind), jvmOptions, arguments, ports.url(kind),
                        layout.logFile(kind)));
            }
            for (ServiceProcess process : started) {
                process.awaitReady(START_TIMEOUT);
            }
            return suite;
        } catch (IOException | InterruptedException | RuntimeException e) {
            suite.close();
            throw e;
        }
    }

    private static List<String> arguments(ServiceKind kind, SuiteLayout layout, SuitePorts ports) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.address=127.0.0.1",
                "--server.port=" + ports.of(kind),
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
    static Path callerKey(SuiteLayout layout, ServiceKind kind) {
        return layout.dataDir(kind).resolve("caller-key.pem");
    }

    public String url(ServiceKind kind) {
        return ports.url(kind);
    }

    /** The first service that has stopped on its own, if any. */
    public java.util.Optional<ServiceProcess> firstExited() {
        return processes.stream().filter(p -> !p.isAlive()).findFirst();
    }

    /** Stops the services in reverse order of their dependencies: the KBS first. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }
}
