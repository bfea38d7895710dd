package dev.arca.bench.load;

import dev.arca.agent.attester.SampleAttester;
import dev.arca.agent.kbs.KbsClient;
import dev.arca.agent.kbs.TeeKeyAlgorithm;
import dev.arca.model.resource.ResourceUri;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
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
 * Each flow is a new guest (new TEE key, new session, full attestation, as CDH does), but all guests share one HTTP
 * client and its kept-alive connections: a guest's own connection set-up is not what is measured, and a new client
 * per flow cost the load generator more CPU than the KBS it was loading. Only loopback targets are accepted: load
 * is never sent to another host.
 */
public final class GuestLoad {

    private final URI kbs;
    private final ResourceUri resource;
    private final TeeKeyAlgorithm key;
    private final HttpClient http = KbsClient.sharedHttpClient(Duration.ofSeconds(5), null);

    public GuestLoad(URI kbs, ResourceUri resource, TeeKeyAlgorithm key) throws UnknownHostException {
        if (!InetAddress.getByName(kbs.getHost()).isLoopbackAddress()) {
            throw new IllegalArgumentException("load is only sent to loopback addresses, not " + kbs.getHost());
        }
        this.kbs = kbs;
        this.resource = resource;
        this.key = key;
    }

    public static void main(String[] args) throws Exception {
        URI kbs = URI.create(option(args, "--kbs", "http://127.0.0.1:8080"));
        ResourceUri resource = ResourceUri.parse(option(args, "--resource", "kbs:///demo/key/secret"));
        int guests = Integer.parseInt(option(args, "--guests", "4"));
        int flows = Integer.parseInt(option(args, "--flows", "200"));
        Duration limit = Duration.ofSeconds(Long.parseLong(option(args, "--seconds", "60")));
        TeeKeyAlgorithm key = TeeKeyAlgorithm.valueOf(option(args, "--key", "P256"));

        LoadResult result = new GuestLoad(kbs, resource, key).run(guests, flows, limit);
        System.out.printf("guests=%d key=%s flows ok=%d failed=%d in %.1f s → %.1f flows/s%n",
                guests, key, result.completed(), result.failures(), result.seconds(), result.perSecond());
        if (result.completed() > 0) {
            System.out.printf("latency ms: p50=%.1f p90=%.1f p99=%.1f max=%.1f%n", result.percentileMillis(50),
                    result.percentileMillis(90), result.percentileMillis(99), result.maxMillis());
        }
        if (result.failures() > 0) {
            System.exit(1);
        }
    }

    /** {@code guests} concurrent guests run complete flows until {@code flows} have started or {@code limit} passed. */
    public LoadResult run(int guests, int flows, Duration limit) throws InterruptedException, ExecutionException {
        List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger started = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long begin = System.nanoTime();
        long deadline = begin + limit.toNanos();
        try (ExecutorService pool = Executors.newFixedThreadPool(guests)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int g = 0; g < guests; g++) {
                workers.add(pool.submit(() -> {
                    while (started.incrementAndGet() <= flows && System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        try {
                            KbsClient client = KbsClient.builder(kbs, new SampleAttester())
                                    .keyAlgorithm(key).httpClient(http).build();
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
        return new LoadResult(latenciesMicros, failures.get(), (System.nanoTime() - begin) / 1e9);
    }

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
