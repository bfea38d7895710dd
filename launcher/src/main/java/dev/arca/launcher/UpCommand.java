package dev.arca.launcher;

import dev.arca.admin.keys.AdminKeyStore;
import dev.arca.launcher.suite.ServiceJars;
import dev.arca.launcher.suite.ServiceKind;
import dev.arca.launcher.suite.ServiceProcess;
import dev.arca.launcher.suite.Suite;
import dev.arca.launcher.suite.SuiteLayout;
import dev.arca.launcher.suite.SuitePorts;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./arca up}: runs the three services until Ctrl-C, then stops all three. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start rvps-service, attestation-service and kbs-service on this host until Ctrl-C.")
final class UpCommand implements Callable<Integer> {

    @Option(names = "--dir", defaultValue = ".arca", description = "state directory (default: ${DEFAULT-VALUE})")
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

    @Option(names = "--java-opts", paramLabel = "OPTS", defaultValue = SuiteOptions.COMMON,
            description = "JVM options for each service (default: ${DEFAULT-VALUE})")
    String javaOptions;

    @Override
    public Integer call() throws Exception {
        SuiteLayout layout = new SuiteLayout(dir);
        AdminKeyStore.InitResult admin = new AdminKeyStore(layout.dir()).init();
        System.out.println("arca: starting the suite in " + layout.dir());
        Suite suite = Suite.start(ServiceJars.fromEnvironment(), layout, new SuitePorts(kbsPort, asPort, rvpsPort, rvpsGrpcPort),
                SuiteOptions.split(javaOptions), Map.of());
        // set before the services are stopped, so that the watch below does not take them for crashed
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            System.out.println("\narca: stopping");
            suite.close();
        }, "arca-shutdown"));

        for (ServiceKind kind : ServiceKind.values()) {
            System.out.printf("  %-20s %s   (log: %s)%n", kind.module(), suite.url(kind), layout.logFile(kind));
        }
        System.out.println("  admin credential     " + admin.privateKeyFile()
                + (admin.createdPrivateKey() ? " (created)" : ""));
        System.out.println("arca: ready. Try: ./arca admin set-resource default/key/demo --file <file>"
                + (layout.dir().equals(Path.of(".arca").toAbsolutePath().normalize()) ? "" : " --dir " + dir)
                + "; Ctrl-C stops.");

        while (!stopping.get()) {
            Optional<ServiceProcess> exited = suite.firstExited();
            if (exited.isPresent() && !stopping.get()) {
                System.err.println("arca: " + exited.get().kind().module() + " stopped on its own; last lines of "
                        + exited.get().log() + ":\n" + exited.get().tail(20));
                suite.close();
                return 1;
            }
            Thread.sleep(500);
        }
        return 0;
    }
}
