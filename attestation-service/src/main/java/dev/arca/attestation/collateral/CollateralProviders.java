package dev.arca.attestation.collateral;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes {@link CollateralProvider}s with the service's configuration, database cache, clock and metrics, and
 * refreshes their due documents in the background every {@code refresh-interval}. A verifier takes this bean in its
 * constructor and creates one provider per kind of document it needs:
 *
 * <pre>{@code
 * this.vceks = providers.create(new VcekCodec(),
 *         providers.httpSource(key -> URI.create("https://kdsintf.amd.com/vcek/v1/" + key.path())));
 * ...
 * Collateral<X509Certificate> vcek = vceks.get(key);   // in verify()
 * }</pre>
 *
 * In offline mode ({@code arca.as.collateral.offline-dir}) the online source given to {@link #create} is never
 * used; documents come from files.
 */
public class CollateralProviders implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CollateralProviders.class);

    private final CollateralProperties config;
    private final CollateralStore store;
    private final Clock clock;
    private final CollateralMetrics metrics;
    private final HttpClient http;
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
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        long interval = config.refreshInterval().toMillis();
        refresher.scheduleWithFixedDelay(this::refreshAll, interval, interval, TimeUnit.MILLISECONDS);
        if (config.offline()) {
            log.info("collateral is read from {} only (offline mode)", config.offlineDir().toAbsolutePath());
        }
    }

    /**
     * A provider for one kind of collateral.
     *
     * @param onlineSource where documents come from when not offline
     * @throws IllegalStateException when a provider for the same kind exists already
     */
    public <K, V> CollateralProvider<K, V> create(CollateralCodec<K, V> codec, CollateralSource<K> onlineSource) {
        OfflineCollateralSource<K> offline = config.offline()
                ? new OfflineCollateralSource<>(config.offlineDir(), codec, config.maxBodySize().toBytes())
                : null;
        CollateralProvider<K, V> provider = new CollateralProvider<>(codec, onlineSource, offline, store, config,
                clock, fetchers, metrics);
        if (providers.putIfAbsent(provider.kind(), provider) != null) {
            throw new IllegalStateException("two collateral providers for kind '" + provider.kind() + "'");
        }
        return provider;
    }

    /** An HTTP GET source with the configured connect timeout and size bound; the body is the document. */
    public <K> HttpCollateralSource<K> httpSource(Function<K, URI> url) {
        return httpSource(url, (key, response) -> response.body());
    }

    /** An HTTP GET source whose answers are turned into documents by {@code packer} (to keep a header, say). */
    public <K> HttpCollateralSource<K> httpSource(Function<K, URI> url, HttpCollateralSource.Packer<K> packer) {
        return new HttpCollateralSource<>(http, url, config.maxBodySize().toBytes(), packer);
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
        http.close();
    }
}
