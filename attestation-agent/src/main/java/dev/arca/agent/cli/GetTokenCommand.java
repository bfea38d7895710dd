package dev.arca.agent.cli;

import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.config.ConfigException;
import dev.arca.agent.kbs.KbsClientListener;
import dev.arca.agent.service.AgentService;
import dev.arca.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code get-token}: upstream's {@code GetToken} (guest-components attestation-agent.proto). For {@code kbs} it prints
 * the token, or with {@code --json} the upstream answer {@code {"token", "tee_keypair"}} — which includes the TEE
 * private key, for a caller that fetches resources itself in bearer mode. For {@code coco_as} it prints the token.
 */
@Command(name = "get-token", mixinStandardHelpOptions = true,
        description = "Attest and print an attestation token (kbs or coco_as).")
final class GetTokenCommand implements Callable<Integer> {

    @ParentCommand
    private AgentCli cli;

    @Mixin
    private AgentOptions options;

    @Option(names = {"-t", "--token-type"}, paramLabel = "kbs|coco_as", defaultValue = "kbs",
            description = "Token type (default: ${DEFAULT-VALUE}).")
    private String tokenType;

    @Option(names = "--coco-as", paramLabel = "URL", description = "Attestation service for coco_as tokens.")
    private String cocoAsUrl;

    @Override
    public Integer call() {
        if (!AgentService.TOKEN_KBS.equals(tokenType) && !AgentService.TOKEN_COCO_AS.equals(tokenType)) {
            cli.err().println("error: token type '" + tokenType + "' is not kbs or coco_as");
            return AgentCli.USAGE;
        }
        AgentService service;
        try {
            options.cocoAsUrl = cocoAsUrl;
            service = options.factory(cli).service(options.verbose ? new StepPrinter(cli.err())
                    : KbsClientListener.NONE, false);
        } catch (ConfigException e) {
            return cli.fail(e);
        } catch (AttesterException e) {
            return cli.fail("attester", e);
        }
        byte[] answer;
        try {
            answer = service.token(tokenType);
        } catch (AgentService.TokenException e) {
            return cli.fail("get-token", e);
        }
        String text = new String(answer, StandardCharsets.UTF_8);
        if (AgentService.TOKEN_KBS.equals(tokenType) && !options.json) {
            text = Json.tree(text).get("token").asString();
        }
        cli.out().println(text);
        cli.out().flush();
        return 0;
    }
}
