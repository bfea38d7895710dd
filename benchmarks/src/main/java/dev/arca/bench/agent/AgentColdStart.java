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

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(option(args, "--jar", "attestation-agent/target/attestation-agent-exec.jar"));
        String kbs = option(args, "--kbs", "http://127.0.0.1:8080");
        String resource = option(args, "--resource", "kbs:///demo/key/secret");
        int runs = Integer.parseInt(option(args, "--runs", "10"));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> jvmOptions = List.of(option(args, "--jvm", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
                .split(" "));

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
        System.out.printf("agent cold start to first secret over %d runs (%s): median %.0f ms, min %.0f ms,"
                        + " max %.0f ms; peak RSS median %d MiB, max %d MiB%n", runs, String.join(" ", jvmOptions),
                millis.get(runs / 2), millis.getFirst(), millis.getLast(), peakKib.get(runs / 2) / 1024,
                peakKib.getLast() / 1024);
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
