package dev.arca.attestation.collateral;

import dev.arca.attestation.collateral.CollateralException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Optional;

/**
 * Collateral from files, for air-gapped sites and audits ({@code arca.as.collateral.offline-dir}): the document of
 * key {@code k} of kind {@code kind} is the file {@code <dir>/<kind>/<keyText(k)>}, with the same bytes the online
 * source would have delivered. Files are trusted no more than downloads: the verifier checks them the same way.
 */
public final class OfflineCollateralSource<K> implements CollateralSource<K> {

    private final Path kindDir;
    private final CollateralCodec<K, ?> codec;
    private final long maxBodySize;

    public OfflineCollateralSource(Path dir, CollateralCodec<K, ?> codec, long maxBodySize) {
        this.kindDir = dir.resolve(codec.kind());
        this.codec = codec;
        this.maxBodySize = maxBodySize;
    }

    @Override
    public byte[] fetch(K key, Duration timeout) throws CollateralException {
        Path file = file(key);
        try {
            if (Files.size(file) > maxBodySize) {
                throw new CollateralException(Reason.INVALID, file + " is larger than " + maxBodySize + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CollateralException(Reason.NOT_AVAILABLE, "no offline collateral file " + file);
        } catch (IOException e) {
            throw new CollateralException(Reason.UNAVAILABLE, "cannot read offline collateral " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** The file's modification time, so the provider notices an operator replacing it; empty when absent. */
    Optional<FileTime> lastModified(K key) {
        try {
            return Optional.of(Files.getLastModifiedTime(file(key)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Path file(K key) {
        return kindDir.resolve(CollateralKeys.requireValid(codec.keyText(key)));
    }
}
