package dev.arca.agent.cli;

import dev.arca.agent.config.ConfigException;
import dev.arca.agent.kbs.KbsException;
import dev.arca.agent.platform.HostFiles;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code arca-agent}: the guest's command line. Secrets and requested data go to stdout untouched, everything else
 * to stderr, so the output can be piped into a file or another program. Exit codes: 0 success, 1 failure, 2 usage
 * error. Nothing heavy happens before a command runs (no key generation, no TEE probing), so the JVM starts fast.
 */
@Command(name = "arca-agent", mixinStandardHelpOptions = true, version = "arca-agent 0.1.0",
        description = "Guest attestation agent: attest to a Key Broker Service, fetch secrets, serve workloads.",
        subcommands = {GetResourceCommand.class, AttestCommand.class, GetTokenCommand.class,
            GetEvidenceCommand.class, GetTeeCommand.class, ServeCommand.class, KeyProviderCommand.class,
            ImageDecryptCommand.class,
            InitDataCommand.class, ExtendMeasurementCommand.class, CommandLine.HelpCommand.class})
public final class AgentCli implements Callable<Integer> {

    static final int FAILURE = 1;
    static final int USAGE = 2;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final HostFiles files;

    AgentCli(InputStream in, PrintStream out, PrintStream err, Map<String, String> environment, HostFiles files) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.environment = Map.copyOf(environment);
        this.files = files;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the CLI in this JVM (e.g. from the launcher) and returns the exit code instead of exiting. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err, System.getenv(), HostFiles.SYSTEM);
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> environment,
            HostFiles files) {
        CommandLine cli = new CommandLine(new AgentCli(in, out, err, environment, files));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setParameterExceptionHandler((e, arguments) -> {
            err.println("error: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof KbsException kbs) {
                err.println("error: " + kbs.step().label() + " failed: " + kbs.getMessage());
            } else {
                err.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
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

    HostFiles files() {
        return files;
    }

    /** The one-line failure report: "error: <step> failed: <reason>". */
    int fail(KbsException e) {
        err.println("error: " + e.step().label() + " failed: " + e.getMessage());
        return FAILURE;
    }

    /** "error: <what>: <reason>". */
    int fail(String what, Exception e) {
        err.println("error: " + what + ": " + e.getMessage());
        return FAILURE;
    }

    int fail(ConfigException e) {
        err.println("error: " + e.getMessage());
        return FAILURE;
    }
}
