package dev.arca.launcher.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One service running as its own operating-system process, with its output in a log file. */
public final class ServiceProcess implements AutoCloseable {

    private final ServiceKind kind;
    private final Process process;
    private final String baseUrl;
    private final Path log;
    private List<ProcessHandle> descendants = List.of();

    private ServiceProcess(ServiceKind kind, Process process, String baseUrl, Path log) {
        this.kind = kind;
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
    }

    public static ServiceProcess start(ServiceKind kind, Path jar, List<String> jvmOptions, List<String> arguments,
            String baseUrl, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ServiceProcess(kind, process, baseUrl, log);
    }

    public ServiceKind kind() {
        return kind;
    }

    public Path log() {
        return log;
    }

    public String url() {
        return baseUrl;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status; only once the process has stopped. */
    public int exitValue() {
        return process.exitValue();
    }

    public Readiness probe() {
        return Readiness.probe(baseUrl);
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Asks for a graceful shutdown, then forces it; what the service started itself goes with it. */
    @Override
    public void close() {
        requestStop();
        awaitStop();
    }

    /** Sends TERM: the service starts its graceful shutdown. */
    void requestStop() {
        descendants = process.descendants().toList();
        process.destroy();
    }

    /** Waits up to 20 s for the graceful shutdown, then kills the service and whatever it started. */
    void awaitStop() {
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
