package dev.arca.admin.image;

import dev.arca.model.image.AnnotationPacket;
import dev.arca.model.image.KeyProviderException;
import dev.arca.model.keys.KeyFiles;
import dev.arca.model.resource.ResourcePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The tenant's own copy of each generated key-encryption key, {@code DIR/image-keys/<repo>/<type>/<tag>} (mode
 * 0600 beside the admin key). ocicrypt calls a key provider once per layer (cmd mode: a new process each time), and
 * every layer of an image, and every later image with the same {@code keyid}, must be wrapped under the same key that
 * the KBS holds — so the key is made once and read back, never made again.
 */
public final class KekStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;

    public KekStore(Path arcaDir) {
        this.dir = arcaDir.resolve("image-keys");
    }

    /** The stored key for {@code path}, or null. */
    public byte[] find(ResourcePath path) throws KeyProviderException {
        Path file = file(path);
        if (!Files.exists(file)) {
            return null;
        }
        return read(file);
    }

    /** A new random key for {@code path}, stored before it is used (the stored one when there is one already). */
    public byte[] create(ResourcePath path) throws KeyProviderException {
        byte[] kek = new byte[AnnotationPacket.KEK_BYTES];
        RANDOM.nextBytes(kek);
        return keep(path, kek);
    }

    /** Stores {@code kek} for {@code path} unless a key is stored already; returns the stored key. */
    public byte[] keep(ResourcePath path, byte[] kek) throws KeyProviderException {
        Path file = file(path);
        try {
            return KeyFiles.createOnce(file, kek) ? kek : read(file);
        } catch (IOException e) {
            throw new KeyProviderException("cannot store the key-encryption key in " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file(ResourcePath path) {
        return dir.resolve(path.repository()).resolve(path.type()).resolve(path.tag());
    }

    /** A 32-byte key file: the tenant's own ({@code keypath=}) or one stored here. */
    public static byte[] read(Path file) throws KeyProviderException {
        try {
            byte[] kek = Files.readAllBytes(file);
            if (kek.length != AnnotationPacket.KEK_BYTES) {
                throw new KeyProviderException(file + " holds " + kek.length + " bytes, not a 32-byte AES-256 key");
            }
            return kek;
        } catch (IOException e) {
            throw new KeyProviderException("cannot read the key-encryption key " + file + ": " + e.getMessage(), e);
        }
    }
}
