package dev.arca.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The demo's temporary directory. It holds an admin key and the KBS's key-encryption key, so the demo removes it
 * when done; after a failure only the services' logs stay, for the user to read.
 */
record DemoDirectory(Path dir) {

    static DemoDirectory create() throws IOException {
        return new DemoDirectory(Files.createTempDirectory("arca-demo-"));
    }

    Path logs() {
        return dir.resolve("logs");
    }

    /** Removes everything; safe to call again. */
    void remove() {
        delete(dir);
    }

    /** Removes everything but the logs (keys, databases); the directory goes too when there are no logs. */
    void removeAllButLogs() {
        if (!Files.isDirectory(logs())) {
            remove();
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(entry -> !entry.equals(logs())).forEach(entry -> delete(entry));
        } catch (IOException gone) {
            // nothing left to remove
        }
    }

    private static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            tree.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // a file a still-stopping service holds open: the walk goes on with the rest
                }
            });
        } catch (IOException e) {
            // the directory vanished meanwhile
        }
    }
}
