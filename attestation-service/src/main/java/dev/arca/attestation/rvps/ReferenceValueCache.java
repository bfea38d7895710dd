package dev.arca.attestation.rvps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Reuses RVPS answers (present or absent) for a short time, so a burst of attestations costs one RVPS query per
 * reference value (DESIGN.md: "the AS caches reference values"). Failures are not cached: the next evaluation asks
 * again. The map is bounded; past the bound expired entries are dropped, then everything.
 */
public class ReferenceValueCache implements ReferenceValueSource {

    static final int MAX_ENTRIES = 4096;

    private record Entry(Optional<JsonNode> value, Instant expires) {
    }

    private final ReferenceValueSource delegate;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public ReferenceValueCache(ReferenceValueSource delegate, Duration ttl, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Optional<JsonNode> find(String name) {
        Instant now = clock.instant();
        Entry cached = entries.get(name);
        if (cached != null && now.isBefore(cached.expires())) {
            return cached.value();
        }
        Optional<JsonNode> value = delegate.find(name);
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(entry -> !now.isBefore(entry.expires()));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(name, new Entry(value, now.plus(ttl)));
        return value;
    }

    /** Forgets every cached answer, e.g. after reference values were changed in the RVPS. */
    public void clear() {
        entries.clear();
    }
}
