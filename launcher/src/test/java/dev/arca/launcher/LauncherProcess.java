package dev.arca.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** {@code ./arca} in a JVM of its own (as the script runs it), so the test can send it TERM like a user would. */
final class LauncherProcess implements AutoCloseable {

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private LauncherProcess(Process process) {
        this.process = process;
        Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    output.add(line);
                }
            } catch (IOException ended) {
                // the process is gone
            }
        });
    }

    static LauncherProcess start(Path home, String... args) throws IOException {
        return start(home, java.util.Map.of(), args);
    }

    /** With these environment variables added to the test's own. */
    static LauncherProcess start(Path home, java.util.Map<String, String> environment, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "-Darca.home=" + home, ArcaCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new LauncherProcess(builder.start());
    }

    /** Waits for a line matching the condition; fails with the output so far when none comes in time. */
    String awaitLine(Predicate<String> condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (String line : output) {
                if (condition.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive() && output.stream().noneMatch(condition)) {
                Thread.sleep(200); // the reader may still be draining
                if (output.stream().noneMatch(condition)) {
                    throw new AssertionError("launcher exited (" + process.exitValue() + ") with:\n" + text());
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such line after " + timeout.toSeconds() + " s in:\n" + text());
    }

    String text() {
        return String.join("\n", output);
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the launcher to end by itself; its exit status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError("launcher still running after " + timeout.toSeconds() + " s:\n" + text());
        }
        Thread.sleep(200); // the reader drains the last lines
        return process.exitValue();
    }

    /** SIGTERM, as {@code kill PID} sends, and the exit status. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError("launcher still running " + timeout.toSeconds() + " s after TERM:\n" + text());
        }
        return process.exitValue();
    }

    /** After a failed assertion too: the launcher and whatever it started go. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
