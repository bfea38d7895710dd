package dev.arca.attestation.rvps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Reuses RVPS answers (present or absent) for {@code arca.as.rvps-cache-ttl}, so a burst of attestations costs one
 * RVPS query per reference value. When the RVPS fails, an answer past its TTL is still used for
 * {@code arca.as.rvps-stale-if-error} (the "stale-if-error" of RFC 5861), so a short RVPS outage does not stop
 * attestation; after that the failure propagates and policies fail closed. Failures are never
 * cached: the next evaluation asks again. The map is bounded; past the bound unusable entries are dropped, then
 * everything.
 */
public class ReferenceValueCache implements ReferenceValueSource {

    static final int MAX_ENTRIES = 4096;
    private static final Logger log = LoggerFactory.getLogger(ReferenceValueCache.class);

    private record Entry(Optional<JsonNode> value, Instant expires) {
    }

    private final ReferenceValueSource delegate;
    private final Duration ttl;
    private final Duration staleIfError;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public ReferenceValueCache(ReferenceValueSource delegate, Duration ttl, Duration staleIfError, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.staleIfError = staleIfError;
        this.clock = clock;
    }

    @Override
    public Optional<JsonNode> find(String name) {
        Instant now = clock.instant();
        Entry cached = entries.get(name);
        if (cached != null && now.isBefore(cached.expires())) {
            return cached.value();
        }
        Optional<JsonNode> value;
        try {
            value = delegate.find(name);
        } catch (RvpsUnavailableException e) {
            if (cached != null && now.isBefore(cached.expires().plus(staleIfError))) {
                log.warn("RVPS unavailable ({}); using the answer for '{}' that expired at {}", e.getMessage(), name,
                        cached.expires());
                return cached.value();
            }
            throw e;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(entry -> !now.isBefore(entry.expires().plus(staleIfError)));
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
