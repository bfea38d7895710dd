package dev.arca.agent.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The kernel interfaces the attesters use — sysfs and configfs attribute files, device nodes — as file operations.
 * In production every call is the plain system call on the real path. The class is not final on purpose: tests
 * stand in for TEE hardware with subclasses that emulate the kernel's side of a file (e.g. configfs-tsm producing
 * an outblob when inblob is written), so the attesters run their real file protocol against a directory laid out
 * like the kernel's.
 */
public class HostFiles {

    /** The host's own files. */
    public static final HostFiles SYSTEM = new HostFiles();

    /** No kernel attribute or device answer the agent reads is anywhere near this (a CCEL area is ≤ a few MiB). */
    public static final int MAX_READ_BYTES = 64 * 1024 * 1024;

    protected HostFiles() {
    }

    public boolean exists(Path path) {
        return Files.exists(path);
    }

    public boolean isDirectory(Path path) {
        return Files.isDirectory(path);
    }

    /** Reads a whole attribute or file, refusing one larger than {@code maxBytes}. */
    public byte[] read(Path path, int maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] data = in.readNBytes(maxBytes + 1);
            if (data.length > maxBytes) {
                throw new IOException(path + " is larger than " + maxBytes + " bytes");
            }
            return data;
        }
    }

    public byte[] read(Path path) throws IOException {
        return read(path, MAX_READ_BYTES);
    }

    /**
     * Writes an existing attribute file, as {@code echo > attr} does: no creation (a missing sysfs/configfs
     * attribute is an error, not a new regular file), one buffer.
     */
    public void write(Path path, byte[] data) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    /** mkdir(2); in configfs this creates an object together with its attribute files. */
    public void mkdir(Path path) throws IOException {
        Files.createDirectory(path);
    }

    /** rmdir(2); in configfs this releases the object. */
    public void rmdir(Path path) throws IOException {
        Files.delete(path);
    }

    /** Opens a character device for command/response exchanges (e.g. a TPM resource manager). */
    public ByteChannel openDevice(Path device) throws IOException {
        return FileChannel.open(device, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
}
