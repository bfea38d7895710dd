package dev.arca.attestation.collateral;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * Counters of the collateral providers, tagged by {@code kind}:
 * {@code arca.as.collateral.lookups} by {@code result} ({@code memory} and {@code database} are hits, {@code fetched}
 * a miss the source answered, {@code stale} a miss answered from an outdated document because the source failed,
 * {@code failed} a miss with nothing to answer), and {@code arca.as.collateral.fetches} by {@code outcome}
 * ({@code success}, or the failure reason: {@code not_available}, {@code unavailable}, {@code invalid}), which also
 * counts background refreshes.
 */
final class CollateralMetrics {

    static final String LOOKUPS = "arca.as.collateral.lookups";
    static final String FETCHES = "arca.as.collateral.fetches";

    enum Lookup {
        MEMORY, DATABASE, FETCHED, STALE, FAILED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;

    CollateralMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void lookup(String kind, Lookup result) {
        Counter.builder(LOOKUPS).description("Collateral lookups by kind and how they were answered")
                .tag("kind", kind).tag("result", result.tag()).register(registry).increment();
    }

    void fetched(String kind) {
        fetch(kind, "success");
    }

    void fetchFailed(String kind, CollateralException.Reason reason) {
        fetch(kind, reason.name().toLowerCase(Locale.ROOT));
    }

    private void fetch(String kind, String outcome) {
        Counter.builder(FETCHES).description("Collateral fetches from their source by kind and outcome")
                .tag("kind", kind).tag("outcome", outcome).register(registry).increment();
    }
}
