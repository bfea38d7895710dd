package dev.arca.kbs.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets per client key, bounded: at most {@code maxClients} buckets, the least recently used forgotten first
 * (a forgotten client starts again with a full bucket, which only ever errs towards letting a call through). Time
 * comes from the injectable clock.
 */
public final class TokenBuckets {

    /** The outcome of one attempt: allowed, or refused with the time until the next token. */
    public record Attempt(boolean allowed, Duration retryAfter) {
    }

    private static final class Bucket {
        double tokens;
        Instant updated;
    }

    private final int capacity;
    private final double perSecond;
    private final Clock clock;
    private final Map<String, Bucket> buckets;

    public TokenBuckets(int capacity, int perMinute, int maxClients, Clock clock) {
        this.capacity = capacity;
        this.perSecond = perMinute / 60.0;
        this.clock = clock;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxClients;
            }
        };
    }

    public synchronized Attempt take(String client) {
        Instant now = clock.instant();
        Bucket bucket = buckets.computeIfAbsent(client, key -> {
            Bucket fresh = new Bucket();
            fresh.tokens = capacity;
            fresh.updated = now;
            return fresh;
        });
        double elapsed = Math.max(0, Duration.between(bucket.updated, now).toNanos() / 1e9);
        bucket.tokens = Math.min(capacity, bucket.tokens + elapsed * perSecond);
        bucket.updated = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return new Attempt(true, Duration.ZERO);
        }
        long waitMillis = (long) Math.ceil((1 - bucket.tokens) / perSecond * 1000);
        return new Attempt(false, Duration.ofMillis(waitMillis));
    }
}
