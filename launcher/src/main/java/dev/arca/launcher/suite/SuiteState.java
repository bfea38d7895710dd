package dev.arca.launcher.suite;

import dev.arca.model.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * What {@code ./arca up} runs, written to {@code DIR/suite.json} once the services have started and removed when it
 * stops, so that {@code ./arca status} can tell what runs where, and a second {@code up} on the same directory is
 * refused.
 */
public record SuiteState(long launcherPid, String startedAt, List<Service> services, int rvpsGrpcPort) {

    public static final String FILE = "suite.json";

    /** One running service. */
    public record Service(String name, String url, long pid, String log) {
    }

    public static Path file(SuiteLayout layout) {
        return layout.dir().resolve(FILE);
    }

    public void write(SuiteLayout layout) throws IOException {
        Path target = file(layout);
        Path temporary = target.resolveSibling(FILE + ".tmp");
        Files.write(temporary, Json.writeBytes(this));
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The state left by an {@code up} on this directory; empty when there is none or it cannot be read. */
    public static Optional<SuiteState> read(SuiteLayout layout) {
        try {
            return Optional.ofNullable(Json.read(Files.readAllBytes(file(layout)), SuiteState.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    public static void delete(SuiteLayout layout) {
        try {
            Files.deleteIfExists(file(layout));
        } catch (IOException ignored) {
            // nothing to do: status then finds the launcher gone
        }
    }

    /** Whether the launcher that wrote this state still runs. */
    public boolean launcherAlive() {
        return ProcessHandle.of(launcherPid).map(ProcessHandle::isAlive).orElse(false);
    }
}
