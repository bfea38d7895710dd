package dev.arca.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The floor of a service: warm no-op requests ({@code GET /healthz}, which still passes the whole servlet and Spring
 * Security filter chain) over kept-alive connections, so the CPU one request costs can be set against a flow's.
 */
public final class NoopLoad {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    /** Sends {@code requests} GETs of {@code uri} from {@code threads} threads; returns how many answered 2xx. */
    public int run(URI uri, int threads, int requests) throws InterruptedException, ExecutionException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
        AtomicInteger left = new AtomicInteger(requests);
        AtomicInteger ok = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    while (left.decrementAndGet() >= 0) {
                        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status / 100 == 2) {
                            ok.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        return ok.get();
    }
}
