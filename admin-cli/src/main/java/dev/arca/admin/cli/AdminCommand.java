package dev.arca.admin.cli;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.kbs.KbsAdminClient;
import dev.arca.admin.kbs.TrustedCertificates;
import dev.arca.admin.keys.AdminKeyException;
import dev.arca.admin.keys.AdminKeyStore;
import dev.arca.admin.keys.AdminKeys;
import dev.arca.model.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

/** What every admin command shares: global options, the clients with a token per call, input, output, errors. */
abstract class AdminCommand implements Callable<Integer> {

    /** The --file value that means standard input. */
    static final Path STDIN = Path.of("-");

    @ParentCommand
    AdminCli cli;

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    private SSLContext tls;
    private Supplier<String> token;

    /** Failures of a command, reported as "error: <command> failed: <reason>". */
    static final class CommandFailure extends Exception {
        CommandFailure(String message) {
            super(message);
        }
    }

    @Override
    public final Integer call() {
        try {
            execute();
            return 0;
        } catch (AdminCallException e) {
            cli.printError(global.json, spec.name() + " failed: " + e.getMessage(), e.status());
        } catch (AdminKeyException | CommandFailure e) {
            cli.printError(global.json, spec.name() + " failed: " + e.getMessage(), 0);
        }
        return AdminCli.FAILURE;
    }

    abstract void execute() throws AdminCallException, AdminKeyException, CommandFailure;

    /** The KBS admin API. */
    KbsAdminClient kbs() throws AdminKeyException, AdminCallException, CommandFailure {
        return client(global.kbs);
    }

    /** The attestation service's own admin API (what the KBS does not relay). */
    KbsAdminClient attestationService() throws AdminKeyException, AdminCallException, CommandFailure {
        return client(global.attestationService);
    }

    /** The RVPS's own API (what the KBS does not relay). */
    KbsAdminClient rvps() throws AdminKeyException, AdminCallException, CommandFailure {
        return client(global.rvps);
    }

    private KbsAdminClient client(URI url) throws AdminKeyException, AdminCallException, CommandFailure {
        if (tls == null && global.kbsCert != null) {
            tls = TrustedCertificates.sslContext(global.kbsCert);
        }
        return new KbsAdminClient(url, bearerToken(), tls);
    }

    /**
     * The bearer token: the one in --token-file, else ARCA_TOKEN, else a new 5-minute token signed with the admin
     * key for each request, with the --role claim.
     */
    private Supplier<String> bearerToken() throws AdminKeyException, CommandFailure {
        if (token != null) {
            return token;
        }
        String given = null;
        if (global.tokenFile != null) {
            given = new String(readBytes(global.tokenFile), StandardCharsets.UTF_8).strip();
            if (given.isEmpty() || given.chars().anyMatch(Character::isWhitespace)) {
                throw new CommandFailure("--token-file " + global.tokenFile + " must hold one token on one line");
            }
        } else if (cli.environment().getOrDefault("ARCA_TOKEN", "").isBlank() == false) {
            given = cli.environment().get("ARCA_TOKEN").strip();
        }
        if (given != null) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--role")) {
                throw new ParameterException(spec.commandLine(), "--role applies to tokens signed with the admin "
                        + "key; a token from --token-file or ARCA_TOKEN carries its own role");
            }
            String fixed = given;
            token = () -> fixed;
            return token;
        }
        if (global.role == null || global.role.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--role must not be empty");
        }
        AdminKeys keys = new AdminKeyStore(global.dir).load();
        Clock clock = Clock.systemUTC();
        String role = global.role;
        token = () -> keys.signToken(clock, role);
        return token;
    }

    /** Prints the readable text, or the JSON object with --json. */
    void success(String line, ObjectNode json) {
        cli.out().println(global.json ? Json.write(json) : line);
        cli.out().flush();
    }

    ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    /** The file's bytes; {@code -} reads standard input. */
    byte[] readBytes(Path file) throws CommandFailure {
        if (STDIN.equals(file)) {
            try {
                return cli.in().readAllBytes();
            } catch (IOException e) {
                throw new CommandFailure("cannot read standard input: " + e.getMessage());
            }
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CommandFailure("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new CommandFailure("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** What to call the input in messages. */
    static String name(Path file) {
        return STDIN.equals(file) ? "standard input" : file.toString();
    }

    /** A policy file: non-empty, strictly UTF-8 (the services decode the policy as UTF-8 text). */
    String readText(Path file) throws CommandFailure {
        byte[] bytes = readBytes(file);
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            if (text.isBlank()) {
                throw new CommandFailure(name(file) + " is empty");
            }
            return text;
        } catch (CharacterCodingException e) {
            throw new CommandFailure(name(file) + " is not UTF-8 text");
        }
    }
}
