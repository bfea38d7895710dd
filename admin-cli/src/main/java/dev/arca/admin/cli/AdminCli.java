package dev.arca.admin.cli;

import dev.arca.model.json.Json;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./arca admin}: manages the admin key and calls the admin APIs of the KBS (and, for reading and deleting
 * attestation policies and reference values, of the AS and RVPS). Results go to stdout (readable text, or a JSON
 * object with --json); a failure is an "error: ..." message on stderr ({"error": ..., "status": ...} with --json).
 * Exit codes (docs/cli.md): 0 success, 1 refused by a service or failed, 2 usage error.
 */
@Command(name = "arca-admin", mixinStandardHelpOptions = true, version = "arca-admin 0.1.0",
        description = "Administer an Arca KBS: admin key, resources, resource policies, attestation policies, "
                + "reference values, audit.",
        subcommands = {InitCommand.class, ListResourcesCommand.class, SetResourceCommand.class,
                DeleteResourceCommand.class, ListResourcePoliciesCommand.class, SetResourcePolicyCommand.class,
                GetResourcePolicyCommand.class, DeleteResourcePolicyCommand.class, SetAttestationPolicyCommand.class,
                ListAttestationPoliciesCommand.class, GetAttestationPolicyCommand.class,
                DeleteAttestationPolicyCommand.class, SetReferenceValueCommand.class, ImageEncryptCommand.class, ImageKeyProviderCommand.class,
                SetSampleReferenceValueCommand.class, ListReferenceValuesCommand.class,
                GetReferenceValueCommand.class, DeleteReferenceValueCommand.class, AuditCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Environment: ARCA_KBS_URL, ARCA_AS_URL, ARCA_RVPS_URL, ARCA_DIR, ARCA_KBS_CERT (defaults of the "
                + "options of the same meaning), ARCA_TOKEN (a bearer token to send instead of signing one).",
                "Exit codes: 0 success, 1 refused by a service or failed, 2 usage error."})
public final class AdminCli implements Callable<Integer> {

    static final int FAILURE = 1;
    static final int USAGE = 2;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;

    AdminCli(InputStream in, PrintStream out, PrintStream err, Map<String, String> environment) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the CLI in this JVM (e.g. from the launcher) and returns the exit code instead of exiting. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err, System.getenv());
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> environment) {
        AdminCli root = new AdminCli(in, out, err, environment);
        CommandLine cli = new CommandLine(root);
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setDefaultValueProvider(new GlobalOptions.Environment(environment));
        boolean json = List.of(args).contains("--json");
        cli.setParameterExceptionHandler((e, arguments) -> {
            if (json) {
                root.printError(true, e.getMessage(), 0);
            } else {
                err.println("error: " + e.getMessage());
                err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            }
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            root.printError(json, commandLine.getCommandName() + " failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), 0);
            return FAILURE;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        err.println("error: a command is required");
        CommandLine.usage(this, err);
        return USAGE;
    }

    /** "error: MESSAGE", or with --json {"error": MESSAGE, "status": HTTP status or null}, on stderr. */
    void printError(boolean json, String message, int httpStatus) {
        if (json) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("error", message);
            error.put("status", httpStatus == 0 ? null : httpStatus);
            err.println(Json.write(error));
        } else {
            err.println("error: " + message);
        }
        err.flush();
    }

    InputStream in() {
        return in;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    Map<String, String> environment() {
        return environment;
    }
}
