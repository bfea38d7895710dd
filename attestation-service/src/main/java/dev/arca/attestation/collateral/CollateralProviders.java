package dev.arca.attestation.collateral;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes {@link CollateralProvider}s with the service's configuration, database cache, clock and metrics, and
 * refreshes their due documents in the background every {@code refresh-interval}. A vendor's wiring takes this bean
 * and creates one provider per kind of document, from a codec and its vendor module's source (docs/attestation-service.md
 * "Collateral"):
 *
 * <pre>{@code
 * CollateralProvider<VcekKey, X509Certificate> vceks = providers.create(new VcekCodec(),
 *         (key, timeout) -> kds.vcek(key));          // the vendor module's client, its failures as CollateralException
 * ...
 * Collateral<X509Certificate> vcek = vceks.get(key); // in the verification
 * }</pre>
 *
 * Offline mode ({@code arca.as.collateral.offline-dir}) is the vendor's business: its wiring reads
 * {@link CollateralProperties#offlineDir(String)} with its own offline source and creates no provider.
 */
public class CollateralProviders implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CollateralProviders.class);

    private final CollateralProperties config;
    private final CollateralStore store;
    private final Clock clock;
    private final CollateralMetrics metrics;
    private final ExecutorService fetchers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("collateral-fetch-", 0).factory());
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("collateral-refresh").daemon().factory());
    private final Map<String, CollateralProvider<?, ?>> providers = new ConcurrentHashMap<>();

    /**
     * @param store the database cache, or null for none
     */
    public CollateralProviders(CollateralProperties config, CollateralStore store, Clock clock,
            MeterRegistry registry) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.metrics = new CollateralMetrics(registry);
        long interval = config.refreshInterval().toMillis();
        refresher.scheduleWithFixedDelay(this::refreshAll, interval, interval, TimeUnit.MILLISECONDS);
        if (config.offline()) {
            log.info("collateral is read from {} only (offline mode)", config.offlineDir().toAbsolutePath());
        }
    }

    /**
     * A provider for one kind of collateral.
     *
     * @param source where documents come from: the vendor module's source, adapted
     * @throws IllegalStateException when a provider for the same kind exists already
     */
    public <K, V> CollateralProvider<K, V> create(CollateralCodec<K, V> codec, VendorSource<K, V> source) {
        CollateralProvider<K, V> provider = new CollateralProvider<>(codec, source, store, config, clock, fetchers,
                metrics);
        if (providers.putIfAbsent(provider.kind(), provider) != null) {
            throw new IllegalStateException("two collateral providers for kind '" + provider.kind() + "'");
        }
        return provider;
    }

    /** The providers created so far. */
    public List<CollateralProvider<?, ?>> providers() {
        return List.copyOf(providers.values());
    }

    private void refreshAll() {
        for (CollateralProvider<?, ?> provider : providers.values()) {
            try {
                provider.refreshDue();
            } catch (RuntimeException e) {
                log.warn("background refresh of {} collateral failed to start", provider.kind(), e);
            }
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        fetchers.shutdownNow();
    }
}
