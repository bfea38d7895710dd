package dev.arca.bench.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cold start to first secret and resident memory of the guest agent: runs {@code attestation-agent-exec.jar
 * get-resource} as a fresh process N times against a running suite and reports wall time (process start →
 * secret on stdout → exit) and peak resident set (VmHWM, sampled from /proc while it runs).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.arca.bench.agent.AgentColdStart \
 *     --jar attestation-agent/target/attestation-agent-exec.jar --kbs http://127.0.0.1:8080 \
 *     --resource kbs:///demo/key/secret --runs 10</pre>
 */
public final class AgentColdStart {

    /** Wall time of each run (sorted) and peak resident set of each (sorted). */
    public record Result(List<Double> millis, List<Long> peakKib) {

        public double medianMillis() {
            return millis.get(millis.size() / 2);
        }

        public long medianPeakMib() {
            return peakKib.get(peakKib.size() / 2) / 1024;
        }
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(option(args, "--jar", "attestation-agent/target/attestation-agent-exec.jar"));
        String kbs = option(args, "--kbs", "http://127.0.0.1:8080");
        String resource = option(args, "--resource", "kbs:///demo/key/secret");
        int runs = Integer.parseInt(option(args, "--runs", "10"));
        List<String> jvmOptions = List.of(option(args, "--jvm", DEFAULT_JVM).split(" "));

        Result result = measure(jar, kbs, resource, runs, jvmOptions);
        System.out.printf("agent cold start to first secret over %d runs (%s): median %.0f ms, min %.0f ms,"
                        + " max %.0f ms; peak RSS median %d MiB, max %d MiB%n", runs, String.join(" ", jvmOptions),
                result.medianMillis(), result.millis().getFirst(), result.millis().getLast(),
                result.medianPeakMib(), result.peakKib().getLast() / 1024);
    }

    /** JVM options for a process that lives for one request: the C1 compiler only, serial GC. */
    public static final String DEFAULT_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    /** Runs the agent {@code runs} times, each a fresh process that fetches {@code resource} and exits. */
    public static Result measure(Path jar, String kbs, String resource, int runs, List<String> jvmOptions)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Double> millis = new ArrayList<>();
        List<Long> peakKib = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar.toString(), "get-resource", resource, "--kbs", kbs));
            long t0 = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long peak = 0;
            while (!process.waitFor(5, TimeUnit.MILLISECONDS)) {
                peak = Math.max(peak, peakResidentKib(process.pid()));
            }
            double elapsed = (System.nanoTime() - t0) / 1e6;
            if (process.exitValue() != 0) {
                throw new IllegalStateException("agent run " + i + " failed: "
                        + new String(process.getErrorStream().readAllBytes()));
            }
            millis.add(elapsed);
            peakKib.add(peak);
        }
        millis.sort(null);
        peakKib.sort(null);
        return new Result(millis, peakKib);
    }

    /** VmHWM: the peak resident set of the process so far, in KiB (0 once it has gone). */
    private static long peakResidentKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between two samples
        }
        return 0;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
