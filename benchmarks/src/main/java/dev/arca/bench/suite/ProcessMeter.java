package dev.arca.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads what a service process has consumed so far: CPU time (user + system, from the operating system), resident
 * memory (/proc), and an estimate of the bytes it allocated (from {@code jstat -gc}: young collections × eden size
 * + eden in use, which is what the serial collector's eden saw; objects allocated directly in the old generation
 * are not counted). Differences of two readings give the cost of the work in between.
 */
final class ProcessMeter {

    record Reading(long cpuNanos, long allocatedBytes, double gcSeconds, long youngCollections) {

        Reading minus(Reading earlier) {
            return new Reading(cpuNanos - earlier.cpuNanos, allocatedBytes - earlier.allocatedBytes,
                    gcSeconds - earlier.gcSeconds, youngCollections - earlier.youngCollections);
        }
    }

    private final long pid;
    private final String jstat;

    ProcessMeter(long pid) {
        this.pid = pid;
        this.jstat = Path.of(System.getProperty("java.home"), "bin", "jstat").toString();
    }

    long pid() {
        return pid;
    }

    Reading read() {
        long cpu = ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("no CPU time for process " + pid));
        List<String> gc = jstatGc();
        double edenCapacity = column(gc, "EC");
        double edenUsed = column(gc, "EU");
        long young = (long) column(gc, "YGC");
        long allocated = (long) ((young * edenCapacity + edenUsed) * 1024);
        return new Reading(cpu, allocated, column(gc, "GCT"), young);
    }

    /** Resident memory now, in MiB. */
    long residentMib() {
        return status("VmRSS:") / 1024;
    }

    /** The peak resident memory, in MiB. */
    long peakResidentMib() {
        return status("VmHWM:") / 1024;
    }

    private long status(String field) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith(field))
                    .map(line -> Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]))
                    .findFirst().orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    private List<String> jstatGc() {
        try {
            Process process = new ProcessBuilder(jstat, "-gc", Long.toString(pid)).redirectErrorStream(true).start();
            List<String> lines = new String(process.getInputStream().readAllBytes()).lines().toList();
            if (!process.waitFor(30, TimeUnit.SECONDS) || lines.size() < 2) {
                throw new IllegalStateException("jstat -gc " + pid + " answered " + lines);
            }
            return lines;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run jstat: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static double column(List<String> jstatLines, String name) {
        List<String> names = Arrays.asList(jstatLines.get(0).trim().split("\\s+"));
        String[] values = jstatLines.get(1).trim().split("\\s+");
        int index = names.indexOf(name);
        if (index < 0) {
            throw new IllegalStateException("jstat has no column " + name + ": " + jstatLines.get(0));
        }
        return Double.parseDouble(values[index]);
    }
}
