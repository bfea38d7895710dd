package dev.arca.agent.cli;

import dev.arca.agent.kbs.KbsException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code arca-agent}: the guest's command line. Secrets go to stdout untouched, everything else to stderr, so the
 * output can be piped into a file or another program. Exit codes: 0 success, 1 failure, 2 usage error.
 */
@Command(name = "arca-agent", mixinStandardHelpOptions = true, version = "arca-agent 0.1.0",
        description = "Attest to a Key Broker Service and fetch secrets released to this TEE.",
        subcommands = {GetResourceCommand.class, AttestCommand.class, CommandLine.HelpCommand.class})
public final class AgentCli implements Callable<Integer> {

    static final int FAILURE = 1;
    static final int USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;

    AgentCli(PrintStream out, PrintStream err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** Runs the CLI in this JVM (e.g. from the launcher) and returns the exit code instead of exiting. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv());
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
        CommandLine cli = new CommandLine(new AgentCli(out, err, environment));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setParameterExceptionHandler((e, arguments) -> {
            err.println("error: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
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

    Map<String, String> environment() {
        return environment;
    }

    /** The one-line failure report: "error: <step> failed: <reason>". */
    int fail(KbsException e) {
        err.println("error: " + e.step().label() + " failed: " + e.getMessage());
        return FAILURE;
    }
}
