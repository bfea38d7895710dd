package dev.arca.model.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

    @TempDir
    Path dir;

    @Test
    void createsTheFileOwnerOnlyInAMissingDirectory() throws Exception {
        Path file = dir.resolve("keys/kek");
        assertThat(KeyFiles.createOnce(file, "first".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(Files.readString(file)).isEqualTo("first");
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        // no temporary file left behind
        try (var entries = Files.list(file.getParent())) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void neverOverwritesAnExistingFile() throws Exception {
        Path file = dir.resolve("kek");
        Files.writeString(file, "theirs");
        assertThat(KeyFiles.createOnce(file, "mine".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(Files.readString(file)).isEqualTo("theirs");
    }

    @Test
    void ofManyConcurrentWritersExactlyOneWinsAndEveryReaderSeesAWholeKey() throws Exception {
        int writers = 16;
        for (int round = 0; round < 20; round++) {
            Path file = dir.resolve("race-" + round);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                byte[] content = ("key-%02d-".formatted(i) + "x".repeat(4096)).getBytes(StandardCharsets.US_ASCII);
                results.add(pool.submit(() -> {
                    start.await();
                    boolean created = KeyFiles.createOnce(file, content);
                    String seen = Files.readString(file);
                    assertThat(seen).startsWith("key-").hasSize(content.length);
                    return created;
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get() ? 1 : 0;
            }
            pool.shutdown();
            assertThat(winners).as("round %d", round).isEqualTo(1);
        }
    }
}
