package dev.arca.agent.cli;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.config.ConfigException;
import dev.arca.agent.kbs.KbsClient;
import dev.arca.agent.kbs.KbsException;
import dev.arca.agent.kbs.TokenClaims;
import dev.arca.agent.service.AgentFactory;
import dev.arca.model.json.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code attest}: run the RCAR handshake and print the attestation token (or its claims with --json). */
@Command(name = "attest", mixinStandardHelpOptions = true,
        description = "Attest to the KBS and print the attestation token.")
final class AttestCommand implements Callable<Integer> {

    @ParentCommand
    private AgentCli cli;

    @Mixin
    private AgentOptions options;

    @Override
    public Integer call() {
        KbsClient client;
        try {
            AgentFactory factory = options.factory(cli);
            Attester primary = options.primary(factory, cli.err());
            client = options.kbsClient(factory, primary, cli.err()).build();
        } catch (ConfigException e) {
            return cli.fail(e);
        } catch (AttesterException e) {
            return cli.fail("attester", e);
        }
        String token;
        try {
            token = client.attest();
        } catch (KbsException e) {
            return cli.fail(e);
        }
        // The client has already checked that the token is a JWT with a JSON payload.
        cli.out().println(options.json ? Json.write(TokenClaims.parse(token).claims()) : token);
        cli.out().flush();
        return 0;
    }
}
