package dev.arca.agent.measurement;

import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.attester.MeasurementRegister;
import dev.arca.model.json.HashAlgorithm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The AA event log with its write-ahead file (Trustee confidential-containers-eventlog.md). Extending is made
 * crash-safe by first recording, in {@code .wal_event_entry} next to the log, where the entry goes, which register and
 * the value that register will hold; then extending the register; then writing the entry; then dropping the WAL. After
 * a crash the WAL tells whether the register was already extended, so the log and the register are brought back in step
 * rather than extended twice. An exclusive file lock keeps several agent processes (a server and a CLI) from
 * interleaving.
 *
 * <p>WAL layout: {@code u64 log offset | u32 PCR index | expected register value | event text} (big-endian
 * integers). Upstream's WAL has no PCR index because upstream always logs the configured one; this log records
 * the register the event really went to, so a verifier replaying it gets the right value.
 */
public final class AaEventLog {

    static final String WAL_NAME = ".wal_event_entry";

    /**
     * File locks are per process: a second channel of the same JVM asking for the lock fails instead of waiting. So
     * threads of this process queue on a lock per log file first, then take the file lock against other processes.
     */
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path log;
    private final Path wal;
    private final MeasurementRegister register;

    private final ReentrantLock threads;

    public AaEventLog(Path log, MeasurementRegister register) {
        this.log = log;
        this.wal = log.resolveSibling(WAL_NAME);
        this.register = register;
        this.threads = IN_PROCESS.computeIfAbsent(log.toAbsolutePath().normalize(), path -> new ReentrantLock());
    }

    public Path path() {
        return log;
    }

    /** Finishes an extension a crash interrupted, if any (run once at start). */
    public void recover() throws MeasurementException {
        threads.lock();
        try (FileChannel channel = openLog(); FileLock ignored = channel.lock()) {
            if (Files.exists(wal)) {
                replayWal(channel);
            }
        } catch (IOException e) {
            throw new MeasurementException("cannot recover the event log " + log + ": " + e.getMessage(), false, e);
        } finally {
            threads.unlock();
        }
    }

    /** Extends the register {@code pcr} maps to with the event and appends the event to the log. */
    public void append(AaelEvent event, int pcr) throws MeasurementException {
        threads.lock();
        try (FileChannel channel = openLog(); FileLock ignored = channel.lock()) {
            if (Files.exists(wal)) {
                replayWal(channel);
            }
            HashAlgorithm algorithm = register.algorithm();
            byte[] digest = event.digest(algorithm);
            byte[] expected = algorithm.digest(concat(register.read(pcr), digest));
            long offset = channel.size();
            writeWal(offset, pcr, expected, event.text());
            register.extend(pcr, digest);
            writeEntry(channel, offset, event.logEntry(register.eventLogIndex(pcr), algorithm));
            Files.delete(wal);
        } catch (AttesterException e) {
            throw new MeasurementException(register.description() + " extension failed: " + e.getMessage(), false, e);
        } catch (IOException e) {
            throw new MeasurementException("cannot write the event log " + log + ": " + e.getMessage(), false, e);
        } finally {
            threads.unlock();
        }
    }

    private void replayWal(FileChannel channel) throws IOException, MeasurementException {
        HashAlgorithm algorithm = register.algorithm();
        byte[] bytes = Files.readAllBytes(wal);
        int fixed = 8 + 4 + algorithm.length();
        if (bytes.length < fixed) {
            throw new MeasurementException("event-log WAL " + wal + " is truncated; the event log is probably"
                    + " corrupted", false, null);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        long offset = in.getLong();
        int pcr = in.getInt();
        byte[] expected = new byte[algorithm.length()];
        in.get(expected);
        String text = new String(bytes, fixed, bytes.length - fixed, StandardCharsets.UTF_8);
        String[] parts = text.split(" ", 3);
        if (parts.length != 3 || offset < 0 || offset > channel.size()) {
            throw new MeasurementException("event-log WAL " + wal + " is malformed; the event log is probably"
                    + " corrupted", false, null);
        }
        AaelEvent event = new AaelEvent(parts[0], parts[1], parts[2]);
        byte[] digest = event.digest(algorithm);
        try {
            byte[] current = register.read(pcr);
            if (!Arrays.equals(current, expected)) {
                if (!Arrays.equals(algorithm.digest(concat(current, digest)), expected)) {
                    throw new MeasurementException(register.description() + " " + pcr + " matches neither the state"
                            + " before nor after the interrupted event; the event log is probably corrupted", false,
                            null);
                }
                register.extend(pcr, digest);
            }
            writeEntry(channel, offset, event.logEntry(register.eventLogIndex(pcr), algorithm));
        } catch (AttesterException e) {
            throw new MeasurementException("cannot recover the event log: " + e.getMessage(), false, e);
        }
        Files.delete(wal);
    }

    private void writeWal(long offset, int pcr, byte[] expected, String text) throws IOException {
        byte[] textBytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer record = ByteBuffer.allocate(8 + 4 + expected.length + textBytes.length)
                .putLong(offset).putInt(pcr).put(expected).put(textBytes);
        record.flip();
        try (FileChannel channel = FileChannel.open(wal, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (record.hasRemaining()) {
                channel.write(record);
            }
            channel.force(true);
        }
    }

    /** Writes (or rewrites) the entry at {@code offset}, dropping anything a crash left behind it. */
    private static void writeEntry(FileChannel channel, long offset, byte[] entry) throws IOException {
        channel.truncate(offset);
        ByteBuffer buffer = ByteBuffer.wrap(entry);
        long position = offset;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        channel.force(true);
    }

    private FileChannel openLog() throws IOException {
        Path parent = log.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
