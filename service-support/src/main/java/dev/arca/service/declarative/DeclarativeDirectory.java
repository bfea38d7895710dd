package dev.arca.service.declarative;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration declared as one file per id in a directory, typically a Kubernetes ConfigMap mounted as a volume, read
 * at start and re-read every {@code interval} (docs/operations.md "Declarative configuration").
 *
 * <p>Kubelet writes such a volume as a {@code ..data} symlink to a timestamped folder, one symlink per key pointing
 * through it, and swaps {@code ..data} atomically on update. So: names starting with a dot are never ids, links are
 * followed, a file is read only if its real path stays under the directory's real path, and every scan reads whole
 * files and compares their content with the previous scan, which sees a symlink swap and an edit in place alike
 * (the files are small: a ConfigMap holds at most 1 MiB).
 *
 * <p>A new or changed file is parsed with the service's own upload validation. A refused file is logged once, on one
 * WARN line naming the file and the reason, and the previous version of its id stays in force; a removed file removes
 * its id. A directory that cannot be read at all changes nothing.
 *
 * @param <T> what one file declares
 */
public final class DeclarativeDirectory<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeclarativeDirectory.class);
    /** A ConfigMap cannot be larger; a bigger file is a mistake, not configuration. */
    static final long MAX_FILE_SIZE = 1024 * 1024;

    private final String what;
    private final Path directory;
    private final DeclaredFileParser<T> parser;
    private final Clock clock;
    private final RefusalReporter reporter;
    private final ScheduledExecutorService poller;

    /** File name to the content last seen, accepted or not, so an unchanged refused file is not logged again. */
    private volatile Map<String, String> seen = Map.of();
    private volatile Map<String, T> current = Map.of();
    private volatile LoadReport report;

    /**
     * @param what      what the files declare, for log lines and reports, e.g. "attestation policy"
     * @param directory the directory to read
     * @param parser    the upload validation of the service
     * @param clock     for report times
     * @param reporter  told of each refusal the directory logs
     */
    public DeclarativeDirectory(String what, Path directory, DeclaredFileParser<T> parser, Clock clock,
            RefusalReporter reporter) {
        this.what = what;
        this.directory = directory;
        this.parser = parser;
        this.clock = clock;
        this.reporter = reporter;
        this.poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("declarative-" + directory.getFileName()).factory());
        this.report = new LoadReport(clock.instant(), List.of(), Map.of(), "not scanned yet");
    }

    /** Scans once now, so the service starts with the declared configuration, then every {@code interval}. */
    public DeclarativeDirectory<T> start(Duration interval) {
        scan();
        poller.scheduleWithFixedDelay(this::scanQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    /** The value declared for {@code id}, if a file declares it (and was accepted, now or in an earlier version). */
    public Optional<T> find(String id) {
        return Optional.ofNullable(current.get(id));
    }

    /** True when the directory holds a file for {@code id}, accepted or not: such an id is managed there. */
    public boolean declares(String id) {
        // read without the scan's lock, so an API call never waits for a scan (an RVPS one may register messages)
        return seen.containsKey(id) || current.containsKey(id);
    }

    /** Every id in force, sorted by id. */
    public Map<String, T> all() {
        return current;
    }

    public LoadReport lastReport() {
        return report;
    }

    public Path directory() {
        return directory;
    }

    /** Reads the directory and applies what changed; returns the report also kept as {@link #lastReport()}. */
    public synchronized LoadReport scan() {
        Map<String, String> files = new HashMap<>();
        Map<String, String> unreadable = new TreeMap<>();
        try {
            read(files, unreadable);
        } catch (IOException | RuntimeException e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (report.failure() == null || !report.failure().equals(reason)) {
                log.warn("{} directory {} cannot be read, keeping the {} in force: {}", what, directory,
                        current.size() + " loaded", reason);
            }
            report = new LoadReport(clock.instant(), current.keySet().stream().sorted().toList(), Map.of(), reason);
            return report;
        }
        Map<String, T> next = new TreeMap<>();
        Map<String, String> refused = new TreeMap<>(report.refused());
        refused.keySet().retainAll(files.keySet());
        for (Map.Entry<String, String> bad : unreadable.entrySet()) {
            T previous = current.get(bad.getKey());
            if (!bad.getValue().equals(report.refused().get(bad.getKey()))) {
                refused(bad.getKey(), bad.getValue(), previous != null);
            }
            refused.put(bad.getKey(), bad.getValue());
            if (previous != null) {
                next.put(bad.getKey(), previous);
            }
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            String name = file.getKey();
            String text = file.getValue();
            T previous = current.get(name);
            if (text.equals(seen.get(name))) {
                if (previous != null) {
                    next.put(name, previous);
                }
                continue;
            }
            try {
                next.put(name, parser.parse(name, text));
                refused.remove(name);
            } catch (FileRefusedException e) {
                refused.put(name, e.getMessage());
                refused(name, e.getMessage(), previous != null);
                if (previous != null) {
                    next.put(name, previous);
                }
            }
        }
        if (!next.keySet().equals(current.keySet()) || !files.keySet().equals(seen.keySet())) {
            log.info("{} directory {}: {} in force {}", what, directory, next.size(), next.keySet());
        }
        // a marker no readable file has, so the file's next readable version is parsed again
        unreadable.keySet().forEach(name -> files.put(name, "\u0000unreadable"));
        seen = Map.copyOf(files);
        current = Collections.unmodifiableMap(next);
        report = new LoadReport(clock.instant(), next.keySet().stream().toList(), refused, null);
        return report;
    }

    private void refused(String name, String reason, boolean previousKept) {
        Path file = directory.resolve(name);
        log.warn("{} file {} refused, {}: {}", what, file, previousKept ? "previous version kept" : "not loaded",
                reason);
        try {
            reporter.refused(what, file, reason, previousKept);
        } catch (RuntimeException e) {
            // a reporter is a courtesy: it never changes what is loaded
            log.warn("{} file {}: the refusal could not be reported: {}", what, file, e.toString());
        }
    }

    private void scanQuietly() {
        try {
            scan();
        } catch (RuntimeException e) {
            // never let one bad scan end the polling
            log.warn("{} directory {}: scan failed: {}", what, directory, e.toString());
        }
    }

    /** Name to content of every non-hidden regular file whose real path is inside the directory's real path. */
    private void read(Map<String, String> files, Map<String, String> unreadable) throws IOException {
        Path root = directory.toRealPath();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root,
                entry -> !entry.getFileName().toString().startsWith("."))) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                Path real = entry.toRealPath();
                if (!real.startsWith(root) || !Files.isRegularFile(real)) {
                    continue;
                }
                try {
                    files.put(name, readText(real));
                } catch (IOException e) {
                    unreadable.put(name, e.getMessage());
                }
            }
        }
    }

    /** Bounded and strict UTF-8. */
    private static String readText(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_FILE_SIZE + 1);
            if (bytes.length > MAX_FILE_SIZE) {
                throw new IOException("larger than " + MAX_FILE_SIZE + " bytes");
            }
            try {
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new IOException("not UTF-8 text");
            }
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
