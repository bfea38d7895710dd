package dev.arca.bench.suite;

import dev.arca.bench.load.GuestLoad;
import dev.arca.bench.load.LoadResult;
import dev.arca.launcher.suite.ServiceKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./arca bench --soak SECONDS}: full load for minutes with resident memory sampled over time per service, the
 * share of the run each service spent in GC, and at the end where its native memory went (the JVM's Native Memory
 * Tracking summary, when the services run with {@code -XX:NativeMemoryTracking=summary}).
 */
final class Soak {

    /** One sample: seconds since the soak began, resident MiB per service. */
    record Sample(long second, Map<ServiceKind, Long> residentMib) {
    }

    /**
     * @param nativeMemory per service, committed KiB per NMT category (empty without NMT)
     */
    record Result(int guests, Duration length, LoadResult load, List<Sample> samples,
            Map<ServiceKind, ProcessMeter.Reading> used, Map<ServiceKind, Map<String, Long>> nativeMemory) {

        double gcShare(ServiceKind kind) {
            return used.get(kind).gcSeconds() / Math.max(1e-9, load.seconds());
        }
    }

    private static final Pattern NMT_LINE = Pattern.compile("^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB");
    private static final Pattern NMT_TOTAL = Pattern.compile("^Total: reserved=\\d+KB, committed=(\\d+)KB");

    private Soak() {
    }

    static Result run(GuestLoad load, int guests, Duration length, Map<ServiceKind, ProcessMeter> meters)
            throws Exception {
        Map<ServiceKind, ProcessMeter.Reading> before = new EnumMap<>(ServiceKind.class);
        meters.forEach((kind, meter) -> before.put(kind, meter.read()));
        long begin = System.nanoTime();
        CompletableFuture<LoadResult> running = CompletableFuture.supplyAsync(() -> {
            try {
                return load.run(guests, Integer.MAX_VALUE, length);
            } catch (Exception e) {
                throw new IllegalStateException("soak load: " + e.getMessage(), e);
            }
        });
        // about 20 samples, none closer than 5 s
        long every = Math.max(5, length.toSeconds() / 20);
        List<Sample> samples = new ArrayList<>();
        samples.add(sample(0, meters));
        while (true) {
            try {
                running.get(every, TimeUnit.SECONDS);
                break;
            } catch (java.util.concurrent.TimeoutException notYet) {
                samples.add(sample((System.nanoTime() - begin) / 1_000_000_000L, meters));
            }
        }
        LoadResult result = running.get();
        long end = (System.nanoTime() - begin) / 1_000_000_000L;
        if (samples.getLast().second() != end) { // the last periodic sample may already be the end's
            samples.add(sample(end, meters));
        }
        Map<ServiceKind, ProcessMeter.Reading> used = new EnumMap<>(ServiceKind.class);
        meters.forEach((kind, meter) -> used.put(kind, meter.read().minus(before.get(kind))));
        Map<ServiceKind, Map<String, Long>> nativeMemory = new EnumMap<>(ServiceKind.class);
        meters.forEach((kind, meter) -> nativeMemory.put(kind, nativeMemory(meter.pid())));
        return new Result(guests, length, result, samples, used, nativeMemory);
    }

    private static Sample sample(long second, Map<ServiceKind, ProcessMeter> meters) {
        Map<ServiceKind, Long> resident = new EnumMap<>(ServiceKind.class);
        meters.forEach((kind, meter) -> resident.put(kind, meter.residentMib()));
        SuiteBench.say("soak %4d s: resident memory %s MiB", second, resident.values());
        return new Sample(second, resident);
    }

    /** Committed KiB per NMT category ("Total" first), from {@code jcmd PID VM.native_memory summary}. */
    static Map<String, Long> nativeMemory(long pid) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "VM.native_memory", "summary").redirectErrorStream(true).start();
            List<String> lines = new String(jcmd.getInputStream().readAllBytes()).lines().toList();
            jcmd.waitFor(30, TimeUnit.SECONDS);
            return committedKib(lines);
        } catch (IOException e) {
            SuiteBench.say("no native memory summary for %d: %s", pid, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Map.of();
    }

    /** Committed KiB per category of an NMT summary ("Total" first); empty when NMT is off in that process. */
    static Map<String, Long> committedKib(List<String> summary) {
        Map<String, Long> committed = new LinkedHashMap<>();
        for (String line : summary) {
            Matcher total = NMT_TOTAL.matcher(line.strip());
            Matcher category = NMT_LINE.matcher(line.strip());
            if (total.find()) {
                committed.put("Total", Long.parseLong(total.group(1)));
            } else if (category.find()) {
                committed.put(category.group(1), Long.parseLong(category.group(2)));
            }
        }
        return committed;
    }
}
