package dev.arca.agent.cli;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.config.ConfigException;
import dev.arca.model.image.ByteEncoding;
import dev.arca.model.image.KeyProviderException;
import dev.arca.agent.keyprovider.LayerKeyUnwrapper;
import dev.arca.agent.kbs.KbsClient;
import dev.arca.agent.kbs.KbsException;
import dev.arca.agent.service.AgentFactory;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code keyprovider}: an ocicrypt key provider in "cmd" mode (guest-components IMAGE_ENCRYPTION.md) — reads a
 * {@code KeyProviderKeyWrapProtocolInput} from stdin, fetches the key-encryption key named by the layer annotation
 * from the KBS (attesting first), and writes the unwrapped layer key as a {@code KeyProviderKeyWrapProtocolOutput}
 * to stdout. Configure it in ocicrypt's {@code OCICRYPT_KEYPROVIDER_CONFIG} as
 * {@code {"key-providers": {"attestation-agent": {"cmd": {"path": "arca-agent", "args": ["keyprovider"]}}}}}.
 */
@Command(name = "keyprovider", mixinStandardHelpOptions = true,
        description = "ocicrypt key provider (cmd mode): unwrap an image layer key with a key from the KBS.")
final class KeyProviderCommand implements Callable<Integer> {

    static final int MAX_INPUT = 1024 * 1024;

    @ParentCommand
    private AgentCli cli;

    @Mixin
    private AgentOptions options;

    /**
     * Answer spelling (docs/images.md). Number arrays by default: ocicrypt-rs reads only those, and Go's encoding/json
     * decodes a number array into a []byte element by element, so both callers read them; ocicrypt-rs's base64 unwrap
     * request cannot be told from Go's, so mirroring the request ({@code auto}) would fail image-rs.
     */
    enum AnswerBytes { auto, base64, array }

    @Option(names = "--answer-bytes", paramLabel = "auto|base64|array", defaultValue = "array",
            description = "Spelling of byte fields in the answer: array (number arrays, read by ocicrypt-rs and by "
                    + "Go's ocicrypt alike), auto (as the request spells them) or base64 (Go's own spelling) "
                    + "(default: ${DEFAULT-VALUE}).")
    private AnswerBytes answerBytes;

    @Override
    public Integer call() throws IOException {
        byte[] input = cli.in().readNBytes(MAX_INPUT + 1);
        if (input.length > MAX_INPUT) {
            cli.err().println("error: keyprovider: input exceeds " + MAX_INPUT + " bytes");
            return AgentCli.FAILURE;
        }
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
        ByteEncoding forced = switch (answerBytes) {
            case auto -> null;
            case base64 -> ByteEncoding.BASE64;
            case array -> ByteEncoding.NUMBER_ARRAY;
        };
        LayerKeyUnwrapper unwrapper = new LayerKeyUnwrapper(uri -> {
            try {
                return client.getResource(uri);
            } catch (KbsException e) {
                throw new KeyProviderException(e.step().label() + " failed: " + e.getMessage(), e);
            }
        }, forced);
        try {
            cli.out().write(unwrapper.handle(input));
            cli.out().flush();
            return 0;
        } catch (KeyProviderException e) {
            return cli.fail("keyprovider", e);
        }
    }
}
