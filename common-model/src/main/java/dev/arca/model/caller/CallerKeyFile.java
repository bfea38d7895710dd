package dev.arca.model.caller;

import dev.arca.model.admin.PemKeys;
import dev.arca.model.keys.PrivateKeyFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;

/**
 * The key a service signs its calls to another service with (docs/security.md "Callers of internal APIs"): a PEM
 * PKCS#8 EC P-256 private key in {@code file} (owner-only) and its public key in {@code file.pub}, the file a callee
 * is configured to trust. Created on first use and reused afterwards, so the launcher, the Helm chart and the service
 * itself agree on one key.
 */
public record CallerKeyFile(PrivateKey privateKey, PublicKey publicKey) {

    public static Path publicKeyFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".pub");
    }

    /** Reads the key pair, creating both files when the private key does not exist yet. */
    public static CallerKeyFile loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            create(file);
        }
        PrivateKey privateKey = PemKeys.readPrivateKey(file);
        Path pub = publicKeyFile(file);
        List<PublicKey> publicKeys = PemKeys.readPublicKeys(pub);
        return new CallerKeyFile(privateKey, publicKeys.getFirst());
    }

    private static void create(Path file) throws IOException {
        KeyPair pair = PrivateKeyFile.newP256();
        // only the process whose private key landed writes the public half, so the two always match
        if (PrivateKeyFile.writeOnce(file, pair.getPrivate())) {
            Files.writeString(publicKeyFile(file), PemKeys.toPem(pair.getPublic()), StandardCharsets.US_ASCII);
        }
    }
}
