package dev.arca.launcher;

import dev.arca.admin.cli.AdminCli;
import dev.arca.agent.cli.AgentCli;
import dev.arca.launcher.suite.LaunchFailure;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./arca}: the whole suite on one host. {@code admin} and {@code agent} hand their arguments to the admin
 * and agent CLIs unchanged. Exit codes, as for those CLIs (docs/cli.md): 0 success, 1 failure, 2 usage error. A
 * failure is one line saying what to do; {@code --verbose} adds the stack trace and, for a service that did not
 * start, the end of its log.
 */
@Command(name = "arca", mixinStandardHelpOptions = true, version = "arca 0.1.0",
        description = "Runs the Arca suite on this host.",
        subcommands = {UpCommand.class, StatusCommand.class, DemoCommand.class, PolicyCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Also:", "  admin <command> ...   admin API client (./arca admin --help)",
                "  agent <command> ...   guest agent (./arca agent --help)",
                "  image encrypt SRC DST --keyid kbs:///R/T/T   encrypt an OCI-layout image (docs/images.md)",
                "  image decrypt SRC DST                         decrypt it as an attested guest",
                "  build                 (re)build the runnable jars",
                "", "Exit codes: 0 success, 1 failure, 2 usage error."})
public final class ArcaCommand implements Callable<Integer> {

    private final PrintStream out;
    private final PrintStream err;

    ArcaCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && "image".equals(args[0])) {
            if (args.length < 2 || !("encrypt".equals(args[1]) || "decrypt".equals(args[1]))) {
                err.println("arca: image needs encrypt or decrypt: ./arca image encrypt SRC DST --keyid "
                        + "kbs:///repo/type/tag, or ./arca image decrypt SRC DST (docs/images.md)");
                return LaunchFailure.USAGE;
            }
            // the tenant encrypts (admin CLI: the key goes to the KBS); a guest decrypts (agent: attests for it)
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            rest[0] = "image-" + args[1];
            return "encrypt".equals(args[1]) ? AdminCli.run(rest, out, err) : AgentCli.run(rest, out, err);
        }
        if (args.length > 0 && ("admin".equals(args[0]) || "agent".equals(args[0]))) {
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            return "admin".equals(args[0]) ? AdminCli.run(rest, out, err) : AgentCli.run(rest, out, err);
        }
        boolean verbose = List.of(args).contains("--verbose");
        CommandLine cli = new CommandLine(new ArcaCommand(out, err));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setParameterExceptionHandler((e, arguments) -> {
            err.println("arca: " + e.getMessage());
            err.println("Try '" + qualified(e.getCommandLine()) + " --help' for usage.");
            return LaunchFailure.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof LaunchFailure failure) {
                err.println("arca: " + failure.getMessage());
                if (verbose && failure.detail() != null) {
                    err.println(failure.detail());
                }
                if (verbose && failure.getCause() != null) {
                    failure.getCause().printStackTrace(err);
                }
                return failure.exitCode();
            }
            err.println("arca: " + commandLine.getCommandName() + " failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip())
                    + (verbose ? "" : " (--verbose shows the details)"));
            if (verbose) {
                e.printStackTrace(err);
            }
            return LaunchFailure.FAILURE;
        });
        return cli.execute(args);
    }

    private static String qualified(CommandLine commandLine) {
        return "./" + commandLine.getCommandSpec().qualifiedName();
    }

    /** Bare {@code ./arca}, like bare {@code ./arca admin}: the usage, on stderr, and exit 2. */
    @Override
    public Integer call() {
        err.println("arca: a command is required");
        CommandLine.usage(this, err);
        return LaunchFailure.USAGE;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }
}
