package dev.arca.rvps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared corpus (vectors/MANIFEST.md), read in place from the system property {@code arca.vectors}. */
public final class TestVectors {

    private TestVectors() {
    }

    public static Path path(String relative) {
        String root = System.getProperty("arca.vectors");
        if (root == null) {
            throw new IllegalStateException("system property arca.vectors is not set (surefire sets it in the pom)");
        }
        Path file = Path.of(root).resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("vector " + file + " is missing");
        }
        return file;
    }

    public static String text(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
