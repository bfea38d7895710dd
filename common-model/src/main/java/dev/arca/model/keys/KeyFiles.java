package dev.arca.model.keys;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Key material written to a file once: readable by the owner only, never seen half-written, never overwritten.
 *
 * <p>The bytes go to a private temporary file in the same directory, which is then hard-linked to its final name:
 * creating a link fails when the name exists, atomically, whereas a rename silently replaces an existing file on
 * Linux, so two processes that make a key at the same moment agree on the first one. Where the file system has no
 * hard links, a plain move that refuses an existing target is the fallback (atomic enough for one writer).
 */
public final class KeyFiles {

    private KeyFiles() {
    }

    /**
     * Creates {@code file} holding {@code content} unless it exists.
     *
     * @return false when the file existed (another process may have created it first: its content is the one to use)
     */
    public static boolean createOnce(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (Files.exists(file)) {
            return false;
        }
        Path temp = Files.createTempFile(dir, ".key", ".tmp");
        try {
            restrictToOwner(temp);
            Files.write(temp, content);
            try {
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException anotherProcessWasFaster) {
                return false;
            } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
                try {
                    Files.move(temp, file);
                } catch (FileAlreadyExistsException anotherProcessWasFaster) {
                    return false;
                }
            }
            return true;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // non-POSIX file systems keep their default ACLs
        }
    }
}
