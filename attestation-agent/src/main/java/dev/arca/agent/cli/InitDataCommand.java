package dev.arca.agent.cli;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.attester.InitDataBinding;
import dev.arca.agent.config.ConfigException;
import dev.arca.agent.initdata.InitDataBinder;
import dev.arca.agent.initdata.InitDataDocument;
import dev.arca.agent.service.AgentFactory;
import dev.arca.model.json.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code init-data --init-data FILE}: the document's digest (Trustee initdata.md) and, with {@code --bind}, what
 * binding it to this TEE does — TDX/SNP compare their launch-time field, a (v)TPM extends PCR 8 (so bind once per
 * boot). Exit 1 when the TEE contradicts the init-data or cannot bind it.
 */
@Command(name = "init-data", mixinStandardHelpOptions = true,
        description = "Show the init-data digest; with --bind, bind it to the TEE.")
final class InitDataCommand implements Callable<Integer> {

    @ParentCommand
    private AgentCli cli;

    @Mixin
    private AgentOptions options;

    @Option(names = "--bind", description = "Bind the digest to the TEE (TDX/SNP: compare; TPM: extend PCR 8).")
    private boolean bind;

    @Override
    public Integer call() {
        try {
            AgentFactory factory = options.factory(cli);
            InitDataDocument document = factory.initData();
            if (document == null) {
                cli.err().println("error: no init-data file (--init-data FILE or arca.init_data_file)");
                return AgentCli.USAGE;
            }
            InitDataBinding binding = null;
            if (bind) {
                Attester primary = options.primary(factory, cli.err());
                binding = InitDataBinder.bind(primary, document.digest());
            }
            print(document, binding);
            return binding == null || binding.acceptable() ? 0 : AgentCli.FAILURE;
        } catch (ConfigException e) {
            return cli.fail(e);
        } catch (AttesterException e) {
            return cli.fail("attester", e);
        }
    }

    private void print(InitDataDocument document, InitDataBinding binding) {
        if (options.json) {
            ObjectNode result = Json.MAPPER.createObjectNode();
            result.put("version", document.version());
            result.put("algorithm", document.algorithm().wireName());
            result.put("digest", document.digestHex());
            result.put("digest_base64", document.digestBase64());
            result.putArray("data").addAll(document.data().keySet().stream()
                    .map(k -> Json.MAPPER.getNodeFactory().stringNode(k)).toList());
            if (binding != null) {
                result.put("binding", binding.label());
                result.put("binding_detail", binding.detail());
            }
            cli.out().println(Json.write(result));
        } else {
            cli.out().println("algorithm: " + document.algorithm().wireName());
            cli.out().println("digest:    " + document.digestHex());
            cli.out().println("data:      " + String.join(", ", document.data().keySet()));
            if (binding != null) {
                cli.out().println("binding:   " + binding.label() + " (" + binding.detail()
                        + ")");
            }
        }
        cli.out().flush();
    }
}
