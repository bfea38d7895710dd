package dev.arca.launcher;

import dev.arca.admin.cli.AdminCli;
import dev.arca.agent.cli.AgentCli;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./arca}: the whole suite on one host. {@code admin} and {@code agent} hand their arguments to the admin
 * and agent CLIs unchanged, so {@code ./arca admin ...} is exactly {@code arca-admin ...}.
 */
@Command(name = "arca", mixinStandardHelpOptions = true, version = "arca 0.1.0",
        description = "Runs the Arca suite on this host.",
        subcommands = {UpCommand.class, DemoCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Also:", "  admin <command> ...   admin API client (./arca admin --help)",
                "  agent <command> ...   guest agent (./arca agent --help)"})
public final class ArcaCommand implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length > 0 && ("admin".equals(args[0]) || "agent".equals(args[0]))) {
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            return "admin".equals(args[0])
                    ? AdminCli.run(rest, System.out, System.err)
                    : AgentCli.run(rest, System.out, System.err);
        }
        return new CommandLine(new ArcaCommand()).execute(args);
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.err);
    }
}
