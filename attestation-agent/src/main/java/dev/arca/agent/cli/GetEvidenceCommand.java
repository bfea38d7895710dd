package dev.arca.agent.cli;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.config.ConfigException;
import dev.arca.agent.service.AgentFactory;
import dev.arca.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code get-evidence}: upstream's {@code GetEvidence} (guest-components attestation-agent.proto): the primary TEE's
 * evidence with the given bytes used verbatim as report data (callers hash their own data). Prints the evidence JSON,
 * indented; with {@code --json} one compact object {@code {"tee", "evidence"}}; with {@code --additional} the device
 * evidence.
 */
@Command(name = "get-evidence", mixinStandardHelpOptions = true,
        description = "Print the TEE evidence binding the given report data.")
final class GetEvidenceCommand implements Callable<Integer> {

    @ParentCommand
    private AgentCli cli;

    @Mixin
    private AgentOptions options;

    @ArgGroup(exclusive = true)
    private RuntimeData runtimeData = new RuntimeData();

    @Option(names = "--additional", description = "Evidence of the additional devices instead of the primary TEE.")
    private boolean additional;

    static final class RuntimeData {
        @Option(names = {"-r", "--runtime-data"}, paramLabel = "BASE64",
                description = "Report data, standard base64 (default: none).")
        String base64;

        @Option(names = "--runtime-data-text", paramLabel = "TEXT", description = "Report data, as UTF-8 text.")
        String text;
    }

    @Override
    public Integer call() {
        byte[] reportData;
        try {
            reportData = runtimeData.text != null ? runtimeData.text.getBytes(StandardCharsets.UTF_8)
                    : runtimeData.base64 != null ? Base64.getDecoder().decode(runtimeData.base64) : new byte[0];
        } catch (IllegalArgumentException e) {
            cli.err().println("error: --runtime-data is not standard base64");
            return AgentCli.USAGE;
        }
        try {
            AgentFactory factory = options.factory(cli);
            List<Attester> attesters = additional ? factory.devices() : List.of(options.primary(factory, cli.err()));
            ObjectNode all = Json.MAPPER.createObjectNode();
            for (Attester attester : attesters) {
                all.set(attester.tee().wireName(), attester.evidence(reportData));
            }
            print(all);
            return 0;
        } catch (ConfigException e) {
            return cli.fail(e);
        } catch (AttesterException e) {
            return cli.fail("evidence", e);
        }
    }

    private void print(ObjectNode all) {
        if (additional) {
            cli.out().println(options.json ? Json.write(all) : Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(all));
        } else {
            var entry = all.properties().iterator().next();
            JsonNode evidence = entry.getValue();
            if (options.json) {
                ObjectNode result = Json.MAPPER.createObjectNode();
                result.put("tee", entry.getKey());
                result.set("evidence", evidence);
                cli.out().println(Json.write(result));
            } else {
                cli.out().println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(evidence));
            }
        }
        cli.out().flush();
    }
}
