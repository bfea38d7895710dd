package dev.arca.launcher.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service running as its own operating-system process, with its output in a log file. */
public final class ServiceProcess implements AutoCloseable {

    private final ServiceKind kind;
    private final Process process;
    private final String baseUrl;
    private final Path log;
    private List<ProcessHandle> descendants = List.of();

    private final Launch launch;

    private ServiceProcess(Launch launch, Process process) {
        this.kind = launch.kind();
        this.process = process;
        this.baseUrl = launch.baseUrl();
        this.log = launch.log();
        this.launch = launch;
    }

    /**
     * Everything needed to start one service process, kept so the same replica can be started again (after a crash,
     * or by a fault test that killed it). {@code environment} adds variables, e.g. a database password that must not
     * show in the process list.
     */
    public record Launch(ServiceKind kind, Path jar, List<String> jvmOptions, List<String> arguments,
            Map<String, String> environment, String baseUrl, Path log) {

        public Launch {
            jvmOptions = List.copyOf(jvmOptions);
            arguments = List.copyOf(arguments);
            environment = Map.copyOf(environment);
        }

        public ServiceProcess start() throws IOException {
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(jvmOptions);
            command.add("-jar");
            command.add(jar.toString());
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            return new ServiceProcess(this, builder.start());
        }
    }

    public static ServiceProcess start(ServiceKind kind, Path jar, List<String> jvmOptions, List<String> arguments,
            String baseUrl, Path log) throws IOException {
        return new Launch(kind, jar, jvmOptions, arguments, Map.of(), baseUrl, log).start();
    }

    /** How this process was started: {@code launch().start()} starts the same service again. */
    public Launch launch() {
        return launch;
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

    /** SIGKILL, as a crash or an out-of-memory kill would end it: no graceful shutdown, nothing flushed. */
    public void kill() throws InterruptedException {
        descendants = process.descendants().toList();
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        descendants.forEach(ProcessHandle::destroyForcibly);
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
