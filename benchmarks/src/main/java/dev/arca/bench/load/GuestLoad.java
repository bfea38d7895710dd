package dev.arca.bench.load;

import dev.arca.agent.attester.SampleAttester;
import dev.arca.agent.kbs.KbsClient;
import dev.arca.agent.kbs.TeeKeyAlgorithm;
import dev.arca.model.resource.ResourceUri;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load generator: N concurrent sample guests each run complete attestations (auth, attest, resource GET) against a
 * running suite, until a bounded count or time is reached, and the latency percentiles are printed.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.arca.bench.load.GuestLoad \
 *     --kbs http://127.0.0.1:8080 --resource kbs:///demo/key/secret --guests 8 --flows 400 --seconds 60</pre>
 *
 * Only loopback targets are accepted: load is never sent to another host.
 */
public final class GuestLoad {

    public static void main(String[] args) throws Exception {
        URI kbs = URI.create(option(args, "--kbs", "http://127.0.0.1:8080"));
        ResourceUri resource = ResourceUri.parse(option(args, "--resource", "kbs:///demo/key/secret"));
        int guests = Integer.parseInt(option(args, "--guests", "4"));
        int flows = Integer.parseInt(option(args, "--flows", "200"));
        Duration limit = Duration.ofSeconds(Long.parseLong(option(args, "--seconds", "60")));
        TeeKeyAlgorithm key = TeeKeyAlgorithm.valueOf(option(args, "--key", "P256"));
        if (!InetAddress.getByName(kbs.getHost()).isLoopbackAddress()) {
            throw new IllegalArgumentException("load is only sent to loopback addresses, not " + kbs.getHost());
        }

        List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger started = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long deadline = System.nanoTime() + limit.toNanos();
        long begin = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(guests)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int g = 0; g < guests; g++) {
                workers.add(pool.submit(() -> {
                    while (started.incrementAndGet() <= flows && System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        try {
                            // a new client per flow: new TEE key, new session, full attestation, as CDH does
                            KbsClient client = KbsClient.builder(kbs, new SampleAttester()).keyAlgorithm(key).build();
                            client.getResource(resource);
                            latenciesMicros.add((System.nanoTime() - t0) / 1_000);
                        } catch (Exception e) {
                            if (failures.incrementAndGet() <= 3) {
                                System.err.println("flow failed: " + e.getMessage());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        List<Long> sorted = new ArrayList<>(latenciesMicros);
        Collections.sort(sorted);
        System.out.printf("guests=%d key=%s flows ok=%d failed=%d in %.1f s → %.1f flows/s%n",
                guests, key, sorted.size(), failures.get(), seconds, sorted.size() / seconds);
        if (!sorted.isEmpty()) {
            System.out.printf("latency ms: p50=%.1f p90=%.1f p99=%.1f max=%.1f%n", pct(sorted, 50), pct(sorted, 90),
                    pct(sorted, 99), sorted.getLast() / 1000.0);
        }
        if (failures.get() > 0) {
            System.exit(1);
        }
    }

    private static double pct(List<Long> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1000.0;
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
