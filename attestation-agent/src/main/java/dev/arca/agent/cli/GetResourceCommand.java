package dev.arca.agent.cli;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.config.ConfigException;
import dev.arca.agent.kbs.KbsClient;
import dev.arca.agent.kbs.KbsException;
import dev.arca.agent.kbs.ResourceAuth;
import dev.arca.agent.kbs.TeeKeyAlgorithm;
import dev.arca.agent.kbs.TeeKeyPair;
import dev.arca.agent.service.AgentFactory;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import dev.arca.model.resource.InvalidResourcePathException;
import dev.arca.model.resource.ResourceUri;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code get-resource kbs:///repo/type/tag}: attest, fetch, decrypt, write the secret bytes to stdout. With
 * {@code --token-file} a token obtained earlier (the JSON of {@code get-token --json}, or a bare JWT with
 * {@code --tee-key-file}) is used in bearer mode, and the agent attests again only if the KBS refuses it.
 */
@Command(name = "get-resource", mixinStandardHelpOptions = true,
        description = "Attest, then fetch a resource and write its bytes to stdout.")
final class GetResourceCommand implements Callable<Integer> {

    @ParentCommand
    private AgentCli cli;

    @Mixin
    private AgentOptions options;

    @Parameters(index = "0", paramLabel = "URI", converter = ResourceUriConverter.class,
            description = "Resource URI, e.g. kbs:///default/key/1")
    private ResourceUri uri;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Use this token (get-token --json output, or a JWT with --tee-key-file); implies --bearer.")
    private Path tokenFile;

    @Option(names = "--tee-key-file", paramLabel = "PEM", description = "The TEE private key the token belongs to.")
    private Path teeKeyFile;

    @Override
    public Integer call() throws IOException {
        KbsClient client;
        try {
            AgentFactory factory = options.factory(cli);
            Attester primary = options.primary(factory, cli.err());
            KbsClient.Builder builder = options.kbsClient(factory, primary, cli.err());
            if (tokenFile != null) {
                passport(builder, factory.settings().keyAlgorithm());
            }
            client = builder.build();
        } catch (ConfigException e) {
            return cli.fail(e);
        } catch (AttesterException e) {
            return cli.fail("attester", e);
        } catch (IllegalArgumentException e) {
            return cli.fail("token", e);
        }
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

    /** Loads the token and its key: {"token", "tee_keypair"} JSON, or a JWT plus --tee-key-file. */
    private void passport(KbsClient.Builder builder, TeeKeyAlgorithm keyAlgorithm) throws IOException {
        String text = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        String token;
        String pem;
        if (text.startsWith("{")) {
            JsonNode json = Json.tree(text);
            token = json.path("token").asString(null);
            pem = json.path("tee_keypair").asString(null);
        } else {
            token = text;
            pem = null;
        }
        if (teeKeyFile != null) {
            pem = Files.readString(teeKeyFile, StandardCharsets.US_ASCII);
        }
        if (token == null || pem == null) {
            throw new IllegalArgumentException(tokenFile + " needs a token and its TEE key (tee_keypair or"
                    + " --tee-key-file)");
        }
        TeeKeyAlgorithm rsa = keyAlgorithm.isRsa() ? keyAlgorithm : TeeKeyAlgorithm.RSA;
        builder.keyPair(TeeKeyPair.fromPem(pem, rsa)).initialToken(token).resourceAuth(ResourceAuth.BEARER);
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
