package dev.arca.agent.fakes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real TEE outputs of shared/vectors (see its MANIFEST.md), found through the {@code arca.vectors} system
 * property that the build sets.
 */
public final class VectorFiles {

    private VectorFiles() {
    }

    public static Path dir() {
        String dir = System.getProperty("arca.vectors");
        if (dir == null) {
            throw new IllegalStateException("system property arca.vectors is not set (see the module pom)");
        }
        return Path.of(dir);
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(dir().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String relative) {
        return new String(bytes(relative), StandardCharsets.UTF_8);
    }
}
