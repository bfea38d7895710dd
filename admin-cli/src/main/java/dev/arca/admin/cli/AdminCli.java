package dev.arca.admin.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code arca-admin}: manages the admin key and calls the KBS admin API (docs/architecture.md, admin-cli). Results
 * go to stdout (one readable line, or a JSON object with --json); failures are one "error: ..." line on stderr.
 * Exit codes: 0 success, 1 failure, 2 usage error.
 */
@Command(name = "arca-admin", mixinStandardHelpOptions = true, version = "arca-admin 0.1.0",
        description = "Administer an Arca KBS: admin key, resources, resource policies, attestation policies, "
                + "reference values, audit.",
        subcommands = {InitCommand.class, ListResourcesCommand.class, SetResourceCommand.class,
                DeleteResourceCommand.class, ListResourcePoliciesCommand.class, SetResourcePolicyCommand.class,
                GetResourcePolicyCommand.class, DeleteResourcePolicyCommand.class, SetAttestationPolicyCommand.class,
                SetReferenceValueCommand.class, AuditCommand.class, CommandLine.HelpCommand.class})
public final class AdminCli implements Callable<Integer> {

    static final int FAILURE = 1;
    static final int USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;

    AdminCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the CLI in this JVM (e.g. from the launcher) and returns the exit code instead of exiting. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new AdminCli(out, err));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setParameterExceptionHandler((e, arguments) -> {
            err.println("error: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("error: " + commandLine.getCommandName() + " failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
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

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }
}
