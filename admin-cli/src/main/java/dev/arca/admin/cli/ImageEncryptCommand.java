package dev.arca.admin.cli;

import dev.arca.admin.image.EncryptionKeyProvider;
import dev.arca.admin.image.KbsKekRegistry;
import dev.arca.admin.image.KekStore;
import dev.arca.admin.image.KeyWrapParameters;
import dev.arca.admin.image.ProviderKeyWrap;
import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.keys.AdminKeyException;
import dev.arca.agent.image.ImageCrypt;
import dev.arca.agent.image.ImageException;
import dev.arca.agent.image.ImageLocation;
import dev.arca.agent.image.JweRecipients;
import dev.arca.agent.image.LayerKeyWrap;
import dev.arca.agent.image.OciLayout;
import dev.arca.model.admin.PemKeys;
import dev.arca.model.image.KeyProviderException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code image-encrypt SRC DST --keyid kbs:///repo/type/tag}: encrypts every layer of an image in an OCI layout as
 * skopeo with {@code --encryption-key provider:attestation-agent:keyid=…} does, with the encryption key provider in
 * this process (the key-encryption key goes to the KBS at the keyid); {@code --recipient PUB.pem} adds ocicrypt
 * {@code jwe} recipients (e.g. so the tenant can decrypt with skopeo too).
 */
@Command(name = "image-encrypt", mixinStandardHelpOptions = true,
        description = "Encrypt an image in an OCI layout for attested guests: the layer keys are wrapped under a key "
                + "kept in the KBS at --keyid.")
final class ImageEncryptCommand extends AdminCommand {

    @Parameters(index = "0", paramLabel = "SRC", description = "Plain image: [oci:]DIR[:REF].")
    String source;

    @Parameters(index = "1", paramLabel = "DST", description = "Where to write the encrypted image: [oci:]DIR[:REF].")
    String destination;

    @Option(names = "--keyid", paramLabel = "kbs:///REPO/TYPE/TAG", description = "KBS resource for the "
            + "key-encryption key; the guests' resource policy must release it to them.")
    String keyid;

    @Option(names = "--algorithm", paramLabel = "A256GCM|A256CTR", defaultValue = "A256GCM",
            description = "How the layer keys are wrapped (default: ${DEFAULT-VALUE}).")
    String algorithm;

    @Option(names = "--keypath", paramLabel = "FILE", description = "Use this 32-byte key-encryption key instead "
            + "of the one generated (and kept in DIR/image-keys) for --keyid.")
    Path keyPath;

    @Option(names = "--recipient", paramLabel = "PEM", description = "Also wrap for this public key with ocicrypt's "
            + "jwe wrapper (skopeo --decryption-key PRIVATE.pem can then decrypt); repeatable.")
    List<Path> recipients = new ArrayList<>();

    @Override
    void execute() throws AdminCallException, AdminKeyException, CommandFailure {
        if (keyid == null && recipients.isEmpty()) {
            throw new CommandFailure("give --keyid kbs:///repo/type/tag (and/or --recipient PEM)");
        }
        ImageLocation from;
        ImageLocation to;
        try {
            from = ImageLocation.parse(source);
            to = ImageLocation.parse(destination);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
        OciLayout plain;
        try {
            plain = OciLayout.open(from.dir());
            plain.manifest(from.ref());
        } catch (ImageException e) {
            throw new CommandFailure(e.getMessage());
        }
        List<LayerKeyWrap> wrappers = new ArrayList<>();
        if (keyid != null) {
            String text = "keyid=" + keyid + "::algorithm=" + algorithm + (keyPath == null ? "" : "::keypath=" + keyPath);
            try {
                wrappers.add(new ProviderKeyWrap(new EncryptionKeyProvider(new KekStore(global.dir),
                        new KbsKekRegistry(kbs())), KeyWrapParameters.parse(text)));
            } catch (KeyProviderException e) {
                throw new CommandFailure(e.getMessage());
            }
        }
        for (Path recipient : recipients) {
            try {
                for (PublicKey key : PemKeys.readPublicKeys(recipient)) {
                    wrappers.add(JweRecipients.wrapperFor(key));
                }
            } catch (IOException | IllegalArgumentException e) {
                throw new CommandFailure("--recipient " + recipient + ": " + e.getMessage());
            }
        }
        try {
            var layers = ImageCrypt.encrypt(plain, from.ref(), OciLayout.create(to.dir()),
                    to.refOr(from), wrappers);
            ObjectNode json = object();
            json.put("image", to.dir() + ":" + to.refOr(from));
            json.put("layers", layers.size());
            if (keyid != null) {
                json.put("keyid", keyid);
            }
            success(to.dir() + ":" + to.refOr(from) + ": " + layers.size() + " layer(s) encrypted"
                    + (keyid == null ? "" : "; key-encryption key in the KBS at " + keyid), json);
        } catch (ImageException e) {
            throw new CommandFailure(e.getMessage());
        }
    }
}
