package dev.arca.agent.cli;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.config.ConfigException;
import dev.arca.agent.image.ImageCrypt;
import dev.arca.agent.image.ImageException;
import dev.arca.agent.image.ImageLocation;
import dev.arca.agent.image.JweRecipients;
import dev.arca.agent.image.LayerKeyUnwrap;
import dev.arca.agent.image.OciLayout;
import dev.arca.agent.kbs.KbsClient;
import dev.arca.agent.kbs.KbsException;
import dev.arca.agent.keyprovider.KbsLayerKeyUnwrap;
import dev.arca.agent.keyprovider.LayerKeyUnwrapper;
import dev.arca.agent.service.AgentFactory;
import dev.arca.model.admin.PemKeys;
import dev.arca.model.image.KeyProviderException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code image-decrypt SRC DST}: what a guest's image pull does with an encrypted image (image-rs with ocicrypt):
 * for each encrypted layer, the {@code attestation-agent} annotation is opened with the key-encryption key fetched
 * from the KBS after attestation (or a {@code jwe} annotation with {@code --jwe-key}), the layer is checked (HMAC,
 * digest) and decrypted. Images are OCI layouts ({@code [oci:]DIR[:REF]}, as skopeo's {@code oci:} transport).
 */
@Command(name = "image-decrypt", mixinStandardHelpOptions = true,
        description = "Decrypt an encrypted image in an OCI layout, attesting to the KBS for the layer keys.")
final class ImageDecryptCommand implements Callable<Integer> {

    @ParentCommand
    private AgentCli cli;

    @Mixin
    private AgentOptions options;

    @Parameters(index = "0", paramLabel = "SRC", description = "Encrypted image: [oci:]DIR[:REF].")
    private String source;

    @Parameters(index = "1", paramLabel = "DST", description = "Where to write the decrypted image: [oci:]DIR[:REF].")
    private String destination;

    @Option(names = "--jwe-key", paramLabel = "PEM", description = "A private key (PKCS#8 PEM) for layers wrapped "
            + "with ocicrypt's jwe key wrapper (skopeo --encryption-key jwe:PUB.pem); repeatable.")
    private List<Path> jweKeys = new ArrayList<>();

    @Override
    public Integer call() {
        ImageLocation from;
        ImageLocation to;
        try {
            from = ImageLocation.parse(source);
            to = ImageLocation.parse(destination);
        } catch (IllegalArgumentException e) {
            return cli.fail("image-decrypt", e);
        }
        OciLayout encrypted;
        try {
            encrypted = OciLayout.open(from.dir());
            encrypted.manifest(from.ref());
        } catch (ImageException e) {
            return cli.fail("image-decrypt", e);
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
        List<LayerKeyUnwrap> unwrappers = new ArrayList<>();
        unwrappers.add(new KbsLayerKeyUnwrap(new LayerKeyUnwrapper(uri -> {
            try {
                return client.getResource(uri);
            } catch (KbsException e) {
                throw new KeyProviderException(e.step().label() + " failed: " + e.getMessage(), e);
            }
        })));
        try {
            for (Path key : jweKeys) {
                unwrappers.add(JweRecipients.unwrapperFor(PemKeys.readPrivateKey(key)));
            }
        } catch (IOException | IllegalArgumentException e) {
            return cli.fail("--jwe-key", e);
        }
        try {
            var layers = ImageCrypt.decrypt(encrypted, from.ref(), OciLayout.create(to.dir()),
                    to.refOr(from), unwrappers);
            for (var layer : layers) {
                cli.out().println("decrypted " + layer.digestBefore() + " -> " + layer.digestAfter());
            }
            cli.out().println(to.dir() + ":" + to.refOr(from) + ": " + layers.size() + " layer(s) decrypted");
            cli.out().flush();
            return 0;
        } catch (ImageException e) {
            return cli.fail("image-decrypt", e);
        }
    }
}
