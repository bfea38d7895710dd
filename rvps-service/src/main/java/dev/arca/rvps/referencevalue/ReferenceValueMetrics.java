package dev.arca.rvps.referencevalue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The service's own meters, published at {@code /actuator/prometheus}:
 * {@code arca_rvps_registrations_total{type, outcome}} and {@code arca_rvps_queries_total{outcome}}.
 */
@Component
public class ReferenceValueMetrics {

    /** Registration stored its values. */
    public static final String REGISTERED = "registered";
    /** Registration refused: bad message, payload refused by its extractor (e.g. in-toto verification failed). */
    public static final String REFUSED = "refused";
    /** Registration failed on the service side (storage unavailable, concurrent registration). */
    public static final String FAILED = "failed";

    private static final String UNKNOWN_TYPE = "unknown";

    private final MeterRegistry registry;
    private final Counter hits;
    private final Counter misses;

    public ReferenceValueMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.hits = Counter.builder("arca.rvps.queries").tag("outcome", "hit")
                .description("look-ups of one reference value").register(registry);
        this.misses = Counter.builder("arca.rvps.queries").tag("outcome", "miss")
                .description("look-ups of one reference value").register(registry);
    }

    /**
     * @param type       the message type as sent; anything but a known extractor type is counted as "unknown", so a
     *                   caller cannot create unbounded tag values
     * @param knownTypes the supported extractor types
     */
    public void registration(String type, Set<String> knownTypes, String outcome) {
        String tag = type != null && knownTypes.contains(type) ? type : UNKNOWN_TYPE;
        Counter.builder("arca.rvps.registrations").tag("type", tag).tag("outcome", outcome)
                .description("provenance messages registered, by message type and outcome")
                .register(registry)
                .increment();
    }

    public void query(boolean hit) {
        (hit ? hits : misses).increment();
    }
}
