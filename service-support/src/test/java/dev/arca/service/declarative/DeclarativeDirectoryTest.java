package dev.arca.service.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeclarativeDirectoryTest {

    /** Accepts text starting with "ok", as an upload validation would accept a compiling policy. */
    private static final DeclaredFileParser<String> VALIDATION = (name, text) -> {
        if (!text.startsWith("ok")) {
            throw new FileRefusedException("does not start with ok");
        }
        return text.strip();
    };

    @TempDir
    Path dir;

    /** What the reporter was told, one line per refusal: file name, whether the previous version stays, reason. */
    private final List<String> reported = new CopyOnWriteArrayList<>();

    private DeclarativeDirectory<String> watching(Path path) {
        return new DeclarativeDirectory<>("test policy", path, VALIDATION, Clock.systemUTC(),
                (what, file, reason, previousKept) -> reported.add(
                        what + " " + file.getFileName() + " " + (previousKept ? "kept" : "none") + " " + reason));
    }

    @Test
    void loadsEveryVisibleFileAndIgnoresHiddenOnes() throws IOException {
        Files.writeString(dir.resolve("a"), "ok a");
        Files.writeString(dir.resolve("b"), "ok b");
        Files.writeString(dir.resolve(".hidden"), "ok hidden");
        try (DeclarativeDirectory<String> files = watching(dir)) {
            LoadReport report = files.scan();
            assertThat(files.all()).isEqualTo(Map.of("a", "ok a", "b", "ok b"));
            assertThat(report.clean()).isTrue();
            assertThat(report.loaded()).containsExactly("a", "b");
        }
    }

    @Test
    void aChangeIsPickedUpAndADeletionRemovesTheId() throws IOException {
        Files.writeString(dir.resolve("a"), "ok 1");
        Files.writeString(dir.resolve("b"), "ok b");
        try (DeclarativeDirectory<String> files = watching(dir)) {
            files.scan();
            Files.writeString(dir.resolve("a"), "ok 2");
            Files.delete(dir.resolve("b"));
            files.scan();
            assertThat(files.find("a")).contains("ok 2");
            assertThat(files.find("b")).isEmpty();
            assertThat(files.declares("b")).isFalse();
        }
    }

    @Test
    void anInvalidChangeIsRefusedAndThePreviousVersionKept() throws IOException {
        Files.writeString(dir.resolve("a"), "ok 1");
        try (DeclarativeDirectory<String> files = watching(dir)) {
            files.scan();
            Files.writeString(dir.resolve("a"), "broken");
            Files.writeString(dir.resolve("new"), "broken too");
            LoadReport report = files.scan();
            assertThat(files.find("a")).contains("ok 1");
            assertThat(files.find("new")).isEmpty();
            assertThat(files.declares("new")).isTrue();
            assertThat(report.refused()).containsOnlyKeys("a", "new")
                    .containsEntry("a", "does not start with ok");
            assertThat(report.clean()).isFalse();
            assertThat(reported).containsExactlyInAnyOrder("test policy a kept does not start with ok",
                    "test policy new none does not start with ok");
            // an unchanged refused file is not reported again
            files.scan();
            assertThat(reported).hasSize(2);
            // a fix is taken up on the next scan
            Files.writeString(dir.resolve("a"), "ok 3");
            report = files.scan();
            assertThat(files.find("a")).contains("ok 3");
            assertThat(report.refused()).containsOnlyKeys("new");
            assertThat(reported).hasSize(2);
        }
    }

    @Test
    void anUnreadableFileIsRefusedAndThePreviousVersionKept() throws IOException {
        Files.writeString(dir.resolve("a"), "ok 1");
        try (DeclarativeDirectory<String> files = watching(dir)) {
            files.scan();
            Files.write(dir.resolve("a"), new byte[] {'o', 'k', (byte) 0xC3});
            LoadReport report = files.scan();
            assertThat(files.find("a")).contains("ok 1");
            assertThat(report.refused()).containsEntry("a", "not UTF-8 text");
            assertThat(reported).containsExactly("test policy a kept not UTF-8 text");
        }
    }

    @Test
    void aReporterThatFailsChangesNothingLoaded() throws IOException {
        Files.writeString(dir.resolve("a"), "broken");
        Files.writeString(dir.resolve("b"), "ok b");
        try (DeclarativeDirectory<String> files = new DeclarativeDirectory<>("test policy", dir, VALIDATION,
                Clock.systemUTC(), (what, file, reason, previousKept) -> {
                    throw new IllegalStateException("the API server is down");
                })) {
            LoadReport report = files.scan();
            assertThat(files.all()).isEqualTo(Map.of("b", "ok b"));
            assertThat(report.refused()).containsOnlyKeys("a");
        }
    }

    @Test
    void aMissingDirectoryChangesNothingAndSaysWhy() throws IOException {
        Path mount = dir.resolve("mount");
        Files.createDirectory(mount);
        Files.writeString(mount.resolve("a"), "ok 1");
        try (DeclarativeDirectory<String> files = watching(mount)) {
            files.scan();
            Files.delete(mount.resolve("a"));
            Files.delete(mount);
            LoadReport report = files.scan();
            assertThat(files.find("a")).contains("ok 1");
            assertThat(report.failure()).contains("NoSuchFileException");
        }
    }

    @Test
    void followsTheSymlinkSwapKubeletDoesForAConfigMapVolume() throws IOException {
        Path mount = dir.resolve("mount");
        Files.createDirectory(mount);
        kubeletWrite(mount, "..2026_12_06_08_00_00.1", Map.of("a", "ok 1", "b", "ok b"));
        try (DeclarativeDirectory<String> files = watching(mount)) {
            files.scan();
            assertThat(files.all()).isEqualTo(Map.of("a", "ok 1", "b", "ok b"));
            assertThat(files.all().keySet()).containsExactly("a", "b");

            // the update: new timestamped folder, ..data swapped to it, b removed, old folder deleted
            kubeletWrite(mount, "..2026_12_06_08_01_00.2", Map.of("a", "ok 2"));
            files.scan();
            assertThat(files.all()).isEqualTo(Map.of("a", "ok 2"));

            kubeletWrite(mount, "..2026_12_06_08_02_00.3", Map.of("a", "broken"));
            assertThat(files.scan().refused()).containsOnlyKeys("a");
            assertThat(files.find("a")).contains("ok 2");
        }
    }

    @Test
    void aLinkLeadingOutsideTheDirectoryIsNotRead() throws IOException {
        Path mount = dir.resolve("mount");
        Files.createDirectory(mount);
        Path outside = Files.writeString(dir.resolve("outside"), "ok outside");
        Files.createSymbolicLink(mount.resolve("a"), outside);
        try (DeclarativeDirectory<String> files = watching(mount)) {
            files.scan();
            assertThat(files.all()).isEmpty();
        }
    }

    @Test
    void pollsAfterStart() throws Exception {
        Files.writeString(dir.resolve("a"), "ok 1");
        try (DeclarativeDirectory<String> files = watching(dir).start(java.time.Duration.ofMillis(20))) {
            assertThat(files.find("a")).contains("ok 1");
            Files.writeString(dir.resolve("a"), "ok 2");
            long until = System.nanoTime() + 5_000_000_000L;
            while (!files.find("a").orElseThrow().equals("ok 2") && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(files.find("a")).contains("ok 2");
        }
    }

    /** What kubelet's atomic writer does: data in a hidden timestamped folder, {@code ..data} swapped by rename. */
    private static void kubeletWrite(Path mount, String timestamped, Map<String, String> data) throws IOException {
        Path folder = Files.createDirectory(mount.resolve(timestamped));
        for (Map.Entry<String, String> entry : data.entrySet()) {
            Files.writeString(folder.resolve(entry.getKey()), entry.getValue(), StandardCharsets.UTF_8);
        }
        Path dataLink = mount.resolve("..data");
        Path old = Files.isSymbolicLink(dataLink) ? mount.resolve(Files.readSymbolicLink(dataLink)) : null;
        Path tmp = mount.resolve("..data_tmp");
        Files.createSymbolicLink(tmp, Path.of(timestamped));
        Files.move(tmp, dataLink, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        for (String key : data.keySet()) {
            Path link = mount.resolve(key);
            if (!Files.isSymbolicLink(link)) {
                Files.createSymbolicLink(link, Path.of("..data").resolve(key));
            }
        }
        try (var entries = Files.list(mount)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".") && !data.containsKey(name)) {
                    Files.delete(entry);
                }
            }
        }
        if (old != null) {
            try (var entries = Files.list(old)) {
                for (Path entry : entries.toList()) {
                    Files.delete(entry);
                }
            }
            Files.delete(old);
        }
    }
}
