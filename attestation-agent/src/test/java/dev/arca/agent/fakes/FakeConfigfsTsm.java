package dev.arca.agent.fakes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * FAKE configfs-tsm — the kernel side of /sys/kernel/config/tsm/report (Linux tsm.c): {@code mkdir} makes a report
 * object with its attribute files, every write to {@code inblob} or {@code privlevel} advances {@code generation},
 * writing {@code inblob} produces {@code outblob} (and {@code auxblob}) from the "hardware", {@code provider} and
 * {@code generation} are read-only, {@code rmdir} frees the object. The hardware answers are what the test sets: a
 * TD quote, an SNP report and its certificate table, built by the test or real ones from the real-evidence corpus.
 */
public final class FakeConfigfsTsm {

    private final Path reportRoot;
    private final String provider;
    private Function<byte[], byte[]> outblob = inblob -> new byte[0];
    private byte[] auxblob;
    private boolean raceNextRequest;
    private final List<byte[]> inblobs = new ArrayList<>();
    private final List<String> privlevels = new ArrayList<>();
    private int created;

    FakeConfigfsTsm(Path reportRoot, String provider) {
        this.reportRoot = reportRoot;
        this.provider = provider;
        try {
            Files.createDirectories(reportRoot);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hardware's answer to an inblob. */
    public FakeConfigfsTsm outblob(Function<byte[], byte[]> answer) {
        this.outblob = answer;
        return this;
    }

    public FakeConfigfsTsm outblob(byte[] fixed) {
        return outblob(inblob -> fixed.clone());
    }

    public FakeConfigfsTsm auxblob(byte[] auxblob) {
        this.auxblob = auxblob;
        return this;
    }

    /** The next request's object is written by another process too, so its generation jumps. */
    public void raceNextRequest() {
        raceNextRequest = true;
    }

    public List<byte[]> inblobs() {
        return inblobs;
    }

    public List<String> privlevels() {
        return privlevels;
    }

    /** Report objects made so far (including the ones detection made). */
    public int createdObjects() {
        return created;
    }

    /** Report objects still present (the agent must remove each one it makes). */
    public long liveObjects() throws IOException {
        try (Stream<Path> entries = Files.list(reportRoot)) {
            return entries.count();
        }
    }

    boolean owns(Path path) {
        return path.startsWith(reportRoot) && !path.equals(reportRoot);
    }

    void mkdir(Path entry) throws IOException {
        if (!entry.getParent().equals(reportRoot)) {
            throw new AccessDeniedException(entry.toString());
        }
        Files.createDirectory(entry);
        created++;
        Files.writeString(entry.resolve("provider"), provider + "\n");
        Files.writeString(entry.resolve("generation"), "0\n");
        Files.write(entry.resolve("inblob"), new byte[0]);
        Files.write(entry.resolve("outblob"), new byte[0]);
        Files.writeString(entry.resolve("privlevel"), "0\n");
        if (auxblob != null) {
            Files.write(entry.resolve("auxblob"), new byte[0]);
        }
    }

    void write(Path file, byte[] data) throws IOException {
        Path entry = file.getParent();
        String name = file.getFileName().toString();
        switch (name) {
            case "inblob" -> {
                if (data.length == 0 || data.length > 64) {
                    throw new IOException("EINVAL: inblob of " + data.length + " bytes");
                }
                inblobs.add(data.clone());
                Files.write(file, data);
                advance(entry);
                Files.write(entry.resolve("outblob"), outblob.apply(data.clone()));
                if (auxblob != null) {
                    Files.write(entry.resolve("auxblob"), auxblob);
                }
            }
            case "privlevel" -> {
                privlevels.add(new String(data, StandardCharsets.US_ASCII).strip());
                Files.write(file, data);
                advance(entry);
            }
            default -> throw new AccessDeniedException(file + " is read-only");
        }
    }

    private void advance(Path entry) throws IOException {
        Path generation = entry.resolve("generation");
        long next = Long.parseLong(Files.readString(generation).strip()) + 1;
        if (raceNextRequest) {
            raceNextRequest = false;
            next++;
        }
        Files.writeString(generation, next + "\n");
    }

    void rmdir(Path entry) throws IOException {
        try (Stream<Path> files = Files.walk(entry)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
