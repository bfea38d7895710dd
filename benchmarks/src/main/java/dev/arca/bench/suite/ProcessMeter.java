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

    /** @param jitNanos CPU of the JIT compiler threads, part of {@code cpuNanos} */
    record Reading(long cpuNanos, long jitNanos, long allocatedBytes, double gcSeconds, long youngCollections) {

        Reading minus(Reading earlier) {
            return new Reading(cpuNanos - earlier.cpuNanos, jitNanos - earlier.jitNanos,
                    allocatedBytes - earlier.allocatedBytes, gcSeconds - earlier.gcSeconds,
                    youngCollections - earlier.youngCollections);
        }
    }

    /** Clock ticks per second of /proc's CPU times: 100 on Linux (USER_HZ). */
    private static final long TICKS_PER_SECOND = 100;

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
        long cpu = cpuNanos();
        List<String> gc = jstatGc();
        double edenCapacity = column(gc, "EC");
        double edenUsed = column(gc, "EU");
        long young = (long) column(gc, "YGC");
        long allocated = (long) ((young * edenCapacity + edenUsed) * 1024);
        return new Reading(cpu, jitNanos(), allocated, column(gc, "GCT"), young);
    }

    /** CPU time (user + system) of the process so far, without the cost of a {@code jstat} run. */
    long cpuNanos() {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("no CPU time for process " + pid));
    }

    /**
     * CPU time of the JIT compiler threads ("C1 CompilerThre…", "C2 CompilerThre…" in /proc): compilation still going
     * on after the warm-up is counted in the process's CPU, and this shows how much of it there was.
     */
    long jitNanos() {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String comm = Files.readString(task.resolve("comm")).strip();
                    if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                        String stat = Files.readString(task.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    }
                } catch (IOException | RuntimeException threadEnded) {
                    // a compiler thread may come and go between listing and reading
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * 1_000_000_000L / TICKS_PER_SECOND;
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
