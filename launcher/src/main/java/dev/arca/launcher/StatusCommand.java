package dev.arca.launcher;

import dev.arca.launcher.suite.LaunchFailure;
import dev.arca.launcher.suite.Readiness;
import dev.arca.launcher.suite.SuiteLayout;
import dev.arca.launcher.suite.SuiteState;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ./arca status}: what the {@code up} on a directory runs, where, and whether each service is ready. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show what ./arca up runs in DIR, where, and whether each service is ready. Exit 0 when every "
                + "service is ready, 1 otherwise.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    ArcaCommand arca;

    @Mixin
    Verbosity verbosity;

    @Option(names = "--dir", defaultValue = "${env:ARCA_DIR:-.arca}",
            description = "state directory (env ARCA_DIR, as for ./arca admin; default: .arca)")
    Path dir;

    @Override
    public Integer call() throws LaunchFailure {
        SuiteLayout layout = SuiteDirectory.require(dir, false);
        SuiteState state = SuiteState.read(layout).orElseThrow(() -> LaunchFailure.failure("no suite runs in "
                + layout.dir() + " (no " + SuiteState.FILE + "): start one with ./arca up" + SuiteDirectory.option(dir)));
        PrintStream out = arca.out();
        boolean allReady = state.launcherAlive();
        out.println("suite in " + layout.dir() + ": " + (state.launcherAlive()
                ? "launcher pid " + state.launcherPid() + ", started " + state.startedAt()
                : "launcher pid " + state.launcherPid() + " is gone (stale " + SuiteState.FILE + ")"));
        out.printf("  %-24s %-24s %-8s %s%n", "SERVICE", "URL", "PID", "STATE");
        for (SuiteState.Service service : state.services()) {
            Readiness readiness = Readiness.probe(service.url());
            boolean alive = ProcessHandle.of(service.pid()).map(ProcessHandle::isAlive).orElse(false);
            allReady &= alive && readiness.ready();
            out.printf("  %-24s %-24s %-8d %s%n", service.name(), service.url(), service.pid(),
                    alive ? readiness.describe() : "not running");
        }
        if (state.rvpsGrpcPort() != 0) {
            boolean listening = listening(state.rvpsGrpcPort());
            allReady &= listening;
            out.printf("  %-24s %-24s %-8s %s%n", "rvps-service (gRPC)", "127.0.0.1:" + state.rvpsGrpcPort(), "",
                    listening ? "listening" : "not listening");
        }
        return allReady ? 0 : LaunchFailure.FAILURE;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
