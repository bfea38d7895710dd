package dev.arca.rvps.extractor.intoto;

import dev.arca.model.admin.PemKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the configured layout keys ({@code arca.rvps.in-toto.trusted-layout-keys}). A file that cannot be read or
 * holds no usable key stops the service: running without a key the operator meant to trust would hide the mistake.
 */
final class TrustedLayoutKeys {

    private TrustedLayoutKeys() {
    }

    static List<InTotoKey> read(List<Path> files) {
        List<InTotoKey> keys = new ArrayList<>();
        for (Path file : files) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (text.strip().startsWith("{")) {
                    // securesystemslib's JSON key format, as in-toto-keygen writes it (e.g. for ed25519)
                    keys.add(InTotoKey.fromMetadata(null, StrictJson.read(text, "key file " + file)));
                } else {
                    for (PublicKey key : PemKeys.parsePublicKeys(text)) {
                        keys.add(InTotoKey.fromPublicKey(key));
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalStateException("cannot read in-toto layout key file " + file + ": "
                        + e.getMessage(), e);
            }
        }
        return List.copyOf(keys);
    }
}
