package dev.arca.launcher;

import dev.arca.launcher.suite.ServiceKind;
import dev.arca.launcher.suite.SuiteLayout;
import dev.arca.launcher.suite.SuitePorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ./arca up} prints once every service is ready: every listener, where the logs and the admin key are,
 * and commands that work exactly as printed (they carry --dir and --kbs when those are not the defaults).
 */
record ReadyBanner(SuiteLayout layout, Path dirAsGiven, SuitePorts ports, Path adminKey, boolean adminKeyCreated,
        double seconds) {

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("arca: ready in %.1f s", seconds));
        for (ServiceKind kind : List.of(ServiceKind.KBS, ServiceKind.ATTESTATION_SERVICE, ServiceKind.RVPS)) {
            lines.add(String.format("  %-24s %-24s log %s", kind.module(), ports.url(kind), layout.logFile(kind)));
        }
        if (ports.rvpsGrpc() != 0) {
            lines.add(String.format("  %-24s %-24s upstream reference.proto API", "rvps-service (gRPC)",
                    "127.0.0.1:" + ports.rvpsGrpc()));
        }
        lines.add(String.format("  %-24s %s%s", "admin key", adminKey, adminKeyCreated ? " (created)" : ""));
        String target = adminTarget();
        lines.add("Try:");
        lines.add("  echo -n s3cret | ./arca admin set-resource default/key/demo --file -" + target);
        lines.add("  ./arca admin list-resources" + target);
        lines.add("  ./arca status" + SuiteDirectory.option(dirAsGiven));
        lines.add("Ctrl-C (or kill " + ProcessHandle.current().pid() + ") stops the suite.");
        return lines;
    }

    /** The admin CLI's --dir and --kbs, when the defaults (.arca, http://127.0.0.1:8080) would not reach this suite. */
    String adminTarget() {
        String kbs = ports.kbs() == SuitePorts.DEFAULT.kbs() ? "" : " --kbs " + ports.url(ServiceKind.KBS);
        return SuiteDirectory.option(dirAsGiven) + kbs;
    }
}
