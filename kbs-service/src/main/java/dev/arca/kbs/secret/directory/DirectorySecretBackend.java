package dev.arca.kbs.secret.directory;

import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.secret.ReadOnlySecretBackendException;
import dev.arca.kbs.secret.SecretBackend;
import dev.arca.kbs.secret.SecretBackendUnavailableException;
import dev.arca.kbs.secret.SecretMetadata;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.resource.InvalidResourcePathException;
import dev.arca.model.resource.ResourcePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code directory} secret backend: one file per secret at {@code <root>/<repo>/<type>/<tag>}, upstream's layout
 * (Trustee's LocalFs repository before v0.19), holding the secret's bytes as they are.
 *
 * <p>Made for a Kubernetes Secret mounted as a volume, which kubelet writes as a {@code ..data} symlink to a
 * timestamped folder, with one symlink per key pointing through it, swapped atomically on update: symbolic links are
 * followed, names starting with a dot ({@code ..data}, the timestamped folders, temporary files) are never secrets
 * (no valid {@link ResourcePath} segment starts with one), and every file is read only if its real path stays under
 * the root's real path, so neither a crafted path nor a link can read outside the repository. Files larger than the
 * largest allowed secret are refused, not read.
 *
 * <p>Read-write mode writes a temporary file beside the target, forces it to disk and renames it over the target, so a
 * reader (or a crash) never sees half a secret; files are created readable by the owner only.
 */
public class DirectorySecretBackend implements SecretBackend {

    private static final Logger log = LoggerFactory.getLogger(DirectorySecretBackend.class);

    private final Path root;
    private final boolean readOnly;
    private final long maxSize;

    /**
     * @param root     the repository root; must exist when read-only, created when missing otherwise
     * @param readOnly refuse every write
     * @param maxSize  largest file read or written, in bytes
     */
    public DirectorySecretBackend(Path root, boolean readOnly, long maxSize) {
        try {
            if (!readOnly) {
                Files.createDirectories(root);
            }
            if (!Files.isDirectory(root)) {
                throw new IllegalStateException("arca.kbs.secrets.directory.path " + root + " is not a directory");
            }
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException("arca.kbs.secrets.directory.path " + root + " cannot be used: "
                    + e.getMessage(), e);
        }
        this.readOnly = readOnly;
        this.maxSize = maxSize;
    }

    @Override
    public String name() {
        return "directory";
    }

    @Override
    public boolean writable() {
        return !readOnly;
    }

    @Override
    public Optional<byte[]> get(ResourcePath path) {
        Path folder = root.resolve(path.repository()).resolve(path.type());
        if (!Files.isDirectory(folder)) {
            // absent, or a path through a file: no such secret either way
            return Optional.empty();
        }
        Path file = folder.resolve(path.tag());
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(root) || !Files.isRegularFile(real)) {
                log.warn("resource {} is not a regular file inside {}; not released", path, root);
                return Optional.empty();
            }
            return Optional.of(readBounded(real, path));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw unavailable("read", e);
        }
    }

    /** Reads at most {@code maxSize} bytes, so a file growing after a size check cannot exhaust memory either. */
    private byte[] readBounded(Path file, ResourcePath path) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxSize + 1));
            if (content.length > maxSize) {
                log.error("resource {} is larger than arca.kbs.max-resource-size ({} bytes); not released", path,
                        maxSize);
                throw new KbsException(KbsErrorType.PluginInternalError,
                        "the stored resource is larger than the largest allowed secret");
            }
            return content;
        }
    }

    @Override
    public void put(ResourcePath path, byte[] secret) {
        requireWritable();
        Path folder = root.resolve(path.repository()).resolve(path.type());
        Path temporary = folder.resolve("." + path.tag() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(folder);
            if (!folder.toRealPath().startsWith(root)) {
                throw new IllegalStateException("folder of " + path + " leads outside " + root);
            }
            create(temporary);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                out.write(secret);
                out.flush();
                channel.force(true);
            }
            move(temporary, folder.resolve(path.tag()));
        } catch (IOException e) {
            throw unavailable("write", e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // a stray temporary file starts with a dot: never listed, never released
            }
        }
    }

    private static void create(Path file) throws IOException {
        if (Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public boolean delete(ResourcePath path) {
        requireWritable();
        Path file = root.resolve(path.repository()).resolve(path.type()).resolve(path.tag());
        try {
            if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw unavailable("delete", e);
        }
    }

    @Override
    public List<SecretMetadata> list(String prefix, int limit) {
        List<SecretMetadata> found = new ArrayList<>();
        try {
            for (Path repository : children(root)) {
                for (Path type : children(repository)) {
                    for (Path tag : children(type)) {
                        if (found.size() >= limit) {
                            return found;
                        }
                        metadata(repository, type, tag, prefix).ifPresent(found::add);
                    }
                }
            }
        } catch (IOException e) {
            throw unavailable("list", e);
        }
        return found;
    }

    private Optional<SecretMetadata> metadata(Path repository, Path type, Path tag, String prefix)
            throws IOException {
        ResourcePath path;
        try {
            path = ResourcePath.parse(repository.getFileName() + "/" + type.getFileName() + "/" + tag.getFileName());
        } catch (InvalidResourcePathException e) {
            return Optional.empty();
        }
        if (!path.toString().startsWith(prefix)) {
            return Optional.empty();
        }
        Path real = tag.toRealPath();
        if (!real.startsWith(root)) {
            return Optional.empty();
        }
        BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            return Optional.empty();
        }
        return Optional.of(new SecretMetadata(path.toString(), (int) Math.min(Integer.MAX_VALUE, attributes.size()),
                null, null, attributes.lastModifiedTime().toInstant()));
    }

    /** Entries of a folder that may be a path segment (not hidden), sorted by name; none when it is not a folder. */
    private List<Path> children(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder,
                entry -> !entry.getFileName().toString().startsWith("."))) {
            stream.forEach(entries::add);
        }
        entries.sort(null);
        return entries;
    }

    private void requireWritable() {
        if (readOnly) {
            throw new ReadOnlySecretBackendException("directory",
                    "its secrets are managed where the directory comes from (e.g. the Kubernetes Secret mounted there)");
        }
    }

    private SecretBackendUnavailableException unavailable(String operation, IOException e) {
        log.warn("secret directory {}: cannot {}: {}", root, operation, e.getClass().getSimpleName());
        return new SecretBackendUnavailableException("the secret directory cannot be read or written", e);
    }
}
