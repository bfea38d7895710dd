package dev.arca.agent.cli;

import dev.arca.agent.kbs.KbsClient;
import dev.arca.agent.kbs.KbsException;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import dev.arca.model.resource.InvalidResourcePathException;
import dev.arca.model.resource.ResourceUri;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;
import tools.jackson.databind.node.ObjectNode;

/** {@code get-resource kbs:///repo/type/tag}: attest, fetch, decrypt, write the secret bytes to stdout. */
@Command(name = "get-resource", mixinStandardHelpOptions = true,
        description = "Attest, then fetch a resource and write its bytes to stdout.")
final class GetResourceCommand implements Callable<Integer> {

    @ParentCommand
    private AgentCli cli;

    @Mixin
    private KbsOptions options;

    @Parameters(index = "0", paramLabel = "URI", converter = ResourceUriConverter.class,
            description = "Resource URI, e.g. kbs:///default/key/1")
    private ResourceUri uri;

    @Override
    public Integer call() throws IOException {
        KbsClient client = options.client(cli.err(), cli.environment());
        byte[] secret;
        try {
            secret = client.getResource(uri);
        } catch (KbsException e) {
            return cli.fail(e);
        }
        PrintStream out = cli.out();
        if (options.json) {
            ObjectNode result = Json.MAPPER.createObjectNode();
            result.put("uri", uri.toString());
            result.put("base64", Base64s.std(secret));
            out.println(Json.write(result));
        } else {
            out.write(secret);
        }
        out.flush();
        return 0;
    }

    static final class ResourceUriConverter implements ITypeConverter<ResourceUri> {
        @Override
        public ResourceUri convert(String value) {
            try {
                return ResourceUri.parse(value);
            } catch (InvalidResourcePathException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
