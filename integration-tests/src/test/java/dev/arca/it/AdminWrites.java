package dev.arca.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An admin writing while the faults happen: a new secret now and then and, every few writes, the resource policy
 * again (one of two texts that admit and deny the same requests, so the guests' expectations hold), each to the
 * next KBS replica in turn. It keeps what was acknowledged (2xx) apart from what was not (the write may or may not
 * have happened), so the check afterwards can demand every acknowledged write and tolerate the others.
 */
final class AdminWrites implements AutoCloseable {

    private final ScaleOutSuite suite;
    private final Duration interval;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger requests = new AtomicInteger();
    /** Acknowledged secrets: path → content. */
    private final Map<String, String> secrets = new LinkedHashMap<>();
    /** Writes not acknowledged (transport failure or a retryable status): path → content. */
    private final Map<String, String> unacknowledged = new LinkedHashMap<>();
    /** Policy texts from the last acknowledged one on: the stored policy must be one of them. */
    private final List<String> policyCandidates = new ArrayList<>();
    private final List<String> unexpected = new ArrayList<>();
    private Thread thread;

    AdminWrites(ScaleOutSuite suite, Duration interval) {
        this.suite = suite;
        this.interval = interval;
        policyCandidates.add(ScaleOutSuite.ADMIT_SAMPLE);
    }

    void start() {
        thread = Thread.ofVirtual().name("admin-writes").start(() -> {
            int n = 0;
            while (running.get()) {
                try {
                    if (++n % 5 == 0) {
                        writePolicy(n % 10 == 0 ? ScaleOutSuite.ADMIT_SAMPLE : ScaleOutSuite.ADMIT_SAMPLE_REORDERED);
                    } else {
                        writeSecret("it/gen/s" + n, UUID.randomUUID().toString());
                    }
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private String nextReplica() {
        List<String> replicas = suite.kbsReplicas();
        return replicas.get(Math.floorMod(requests.getAndIncrement(), replicas.size()));
    }

    private void writeSecret(String path, String content) throws InterruptedException {
        int status = post(nextReplica() + "/kbs/v0/resource/" + path, "application/octet-stream",
                content.getBytes(StandardCharsets.UTF_8));
        synchronized (this) {
            if (status / 100 == 2) {
                secrets.put(path, content);
            } else {
                unacknowledged.put(path, content);
            }
        }
    }

    private void writePolicy(String text) throws InterruptedException {
        int status = post(nextReplica() + "/kbs/v0/resource-policy", "application/json",
                ScaleOutSuite.policyBody(text));
        synchronized (this) {
            if (status / 100 == 2) {
                policyCandidates.clear();
            }
            policyCandidates.add(text);
        }
    }

    /** The status, or 0 for a transport failure; a status that is neither success nor retryable is recorded. */
    private int post(String url, String contentType, byte[] body) throws InterruptedException {
        try {
            HttpResponse<String> response = suite.http().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + suite.adminToken())
                    .header("Content-Type", contentType)
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status / 100 != 2 && status != 503 && status != 429) {
                synchronized (this) {
                    unexpected.add("admin write " + url + ": " + status + " " + response.body());
                }
            }
            return status;
        } catch (IOException e) {
            return 0;
        }
    }

    synchronized Map<String, String> acknowledgedSecrets() {
        return Map.copyOf(secrets);
    }

    synchronized Map<String, String> unacknowledgedSecrets() {
        return Map.copyOf(unacknowledged);
    }

    synchronized List<String> policyCandidates() {
        return List.copyOf(policyCandidates);
    }

    synchronized List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        if (thread != null) {
            thread.join(Duration.ofSeconds(60));
        }
    }
}
