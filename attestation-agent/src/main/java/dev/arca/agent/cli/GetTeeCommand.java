package dev.arca.agent.cli;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.config.ConfigException;
import dev.arca.agent.service.AgentFactory;
import dev.arca.model.json.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code get-tee}: upstream's {@code GetTeeType}/{@code GetAdditionalTees} — what this machine attests as. */
@Command(name = "get-tee", mixinStandardHelpOptions = true, description = "Print the TEE this machine attests as.")
final class GetTeeCommand implements Callable<Integer> {

    @ParentCommand
    private AgentCli cli;

    @Mixin
    private AgentOptions options;

    @Override
    public Integer call() {
        try {
            AgentFactory factory = options.factory(cli);
            Attester primary = options.primary(factory, cli.err());
            if (options.json) {
                ObjectNode result = Json.MAPPER.createObjectNode();
                result.put("tee", primary.tee().wireName());
                ArrayNode additional = result.putArray("additional_tees");
                factory.devices().forEach(d -> additional.add(d.tee().wireName()));
                cli.out().println(Json.write(result));
            } else {
                cli.out().println(primary.tee().wireName());
                factory.devices().forEach(d -> cli.out().println(d.tee().wireName() + " (additional device)"));
            }
            cli.out().flush();
            return 0;
        } catch (ConfigException e) {
            return cli.fail(e);
        } catch (AttesterException e) {
            return cli.fail("attester", e);
        }
    }
}
