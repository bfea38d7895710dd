package dev.arca.attestation.collateral;

import dev.arca.attestation.collateral.CollateralException.Reason;
import dev.arca.attestation.collateral.CollateralMetrics.Lookup;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * One kind of collateral, cached in memory and in the database (docs/attestation-service.md "Collateral").
 *
 * <p>A lookup answers from memory while the document is not due; otherwise from the database when another replica
 * or an earlier run stored a document that is not due; otherwise it fetches. Concurrent misses for one key share a
 * single fetch. Documents nearing their due time are refreshed in the background ({@code refresh-margin}), so
 * verifications rarely wait for a vendor. A fetch never takes longer than {@code fetch-timeout}. When the source
 * fails, a document past its due time is still served for {@code stale-if-error}, marked stale; the verifier checks
 * its validity at the verification time either way.
 *
 * <p>This is the persistent decorator of a vendor's {@link VendorSource}; a vendor supplies only the source, a key
 * type and a {@link CollateralCodec}. In offline mode ({@code arca.as.collateral.offline-dir}) vendors read their
 * subfolder with their own offline source instead, and no provider is used.
 *
 * <p>Create providers with {@link CollateralProviders#create}; they are thread-safe.
 *
 * @param <K> the key the verifier asks with
 * @param <V> the parsed document
 */
public final class CollateralProvider<K, V> {

    private static final Logger log = LoggerFactory.getLogger(CollateralProvider.class);
    /** Waiters give a fetch this long beyond its own deadline before they report it as timed out. */
    private static final long GRACE_MILLIS = 1000;

    /** The body is kept beside the parsed value for the database copy; documents are kilobytes. */
    private record Entry<K, V>(K key, V value, byte[] body, Instant fetchedAt, Instant nextUpdate) {

        Collateral<V> collateral(boolean stale) {
            return new Collateral<>(value, fetchedAt, nextUpdate, stale);
        }
    }

    private final CollateralCodec<K, V> codec;
    private final String kind;
    private final VendorSource<K, V> source;
    private final CollateralStore store;
    private final CollateralProperties config;
    private final Clock clock;
    private final ExecutorService executor;
    private final CollateralMetrics metrics;
    private final Map<String, Entry<K, V>> memory = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Entry<K, V>>> inflight = new ConcurrentHashMap<>();
    /** Keys the vendor has nothing for, until when that answer is reused ({@code not-found-ttl}). */
    private final Map<String, Instant> notFound = new ConcurrentHashMap<>();
    /** When the copy last handed out for each key was fetched, for {@link #replacedSinceServed}. */
    private final Map<String, Instant> served = new ConcurrentHashMap<>();

    /** @param store the database cache, or null for none */
    CollateralProvider(CollateralCodec<K, V> codec, VendorSource<K, V> source, CollateralStore store,
            CollateralProperties config, Clock clock, ExecutorService executor, CollateralMetrics metrics) {
        this.codec = codec;
        this.kind = CollateralKeys.requireValidKind(codec.kind());
        this.source = source;
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.executor = executor;
        this.metrics = metrics;
    }

    public String kind() {
        return kind;
    }

    /**
     * The document for {@code key}.
     *
     * @throws CollateralException when there is none: the source has none ({@code NOT_AVAILABLE}), could not answer
     *                             and nothing usable is cached ({@code UNAVAILABLE}), or answered garbage
     *                             ({@code INVALID})
     */
    public Collateral<V> get(K key) throws CollateralException {
        String text = CollateralKeys.requireValid(codec.keyText(key));
        Collateral<V> answer = lookup(key, text);
        served.put(text, answer.fetchedAt());
        return answer;
    }

    private Collateral<V> lookup(K key, String text) throws CollateralException {
        Instant now = clock.instant();
        Entry<K, V> cached = memory.get(text);
        if (cached != null && now.isBefore(cached.nextUpdate())) {
            refreshIfDue(cached, text, now);
            metrics.lookup(kind, Lookup.MEMORY);
            return cached.collateral(false);
        }
        Entry<K, V> stored = stored(key, text);
        if (stored != null && (cached == null || stored.fetchedAt().isAfter(cached.fetchedAt()))) {
            cached = stored;
            if (now.isBefore(stored.nextUpdate())) {
                remember(text, stored);
                refreshIfDue(stored, text, now);
                metrics.lookup(kind, Lookup.DATABASE);
                return stored.collateral(false);
            }
        }
        Instant unknownUntil = notFound.get(text);
        if (cached == null && unknownUntil != null && now.isBefore(unknownUntil)) {
            metrics.lookup(kind, Lookup.FAILED);
            throw new CollateralException(Reason.NOT_AVAILABLE, "the vendor has no " + kind + " for " + text
                    + " (answered within arca.as.collateral.not-found-ttl; asked again after " + unknownUntil + ")");
        }
        try {
            Collateral<V> fetched = await(fetch(key, text)).collateral(false);
            notFound.remove(text);
            metrics.lookup(kind, Lookup.FETCHED);
            return fetched;
        } catch (CollateralException e) {
            if (e.reason() == Reason.NOT_AVAILABLE) {
                rememberNotFound(text, now);
            }
            if (cached != null && e.reason() != Reason.NOT_AVAILABLE
                    && now.isBefore(cached.nextUpdate().plus(config.staleIfError()))) {
                log.warn("{} collateral {}: {}; serving the copy fetched at {} (due {})", kind, text,
                        e.getMessage(), cached.fetchedAt(), cached.nextUpdate());
                remember(text, cached);
                metrics.lookup(kind, Lookup.STALE);
                return cached.collateral(true);
            }
            metrics.lookup(kind, Lookup.FAILED);
            throw e;
        }
    }

    /** Bounded like memory: past max-entries, the lapsed answers go first, then all (the vendor is merely asked again). */
    private void rememberNotFound(String text, Instant now) {
        if (config.notFoundTtl().isZero() || config.notFoundTtl().isNegative()) {
            return;
        }
        if (notFound.size() >= config.maxEntries()) {
            notFound.values().removeIf(until -> !now.isBefore(until));
            if (notFound.size() >= config.maxEntries()) {
                notFound.clear();
            }
        }
        notFound.put(text, now.plus(config.notFoundTtl()));
    }

    /**
     * Whether a document handed out by {@link #get} has been replaced in memory since (by the background refresh, or
     * a later fetch), so a vendor's verified cache, which keeps verified results until they expire, knows to drop
     * them and verify the new documents. Reads memory only: no fetch, no database read, so no request waits for a
     * vendor. Answers true once per replacement: the replaced copies are forgotten (conditionally, so a copy handed
     * out meanwhile is still watched).
     */
    public boolean replacedSinceServed() {
        boolean replaced = false;
        for (Map.Entry<String, Instant> copy : served.entrySet()) {
            Entry<K, V> current = memory.get(copy.getKey());
            if (current != null && current.fetchedAt().isAfter(copy.getValue())
                    && served.remove(copy.getKey(), copy.getValue())) {
                replaced = true;
            }
        }
        return replaced;
    }

    /**
     * Starts a background fetch of every cached document that is due or nearly due; the background refresher of
     * {@link CollateralProviders} calls this every {@code refresh-interval}.
     *
     * @return completes when the started fetches are over (successful or not)
     */
    public CompletableFuture<Void> refreshDue() {
        Instant now = clock.instant();
        List<CompletableFuture<Entry<K, V>>> started = memory.entrySet().stream()
                .filter(e -> isDue(e.getValue(), now))
                .map(e -> fetch(e.getValue().key(), e.getKey()))
                .toList();
        return CompletableFuture.allOf(started.stream()
                .map(f -> f.handle((entry, failure) -> null))
                .toArray(CompletableFuture[]::new));
    }

    private void refreshIfDue(Entry<K, V> entry, String text, Instant now) {
        if (isDue(entry, now) && !inflight.containsKey(text)) {
            log.debug("{} collateral {} is due at {}; refreshing in the background", kind, text, entry.nextUpdate());
            fetch(entry.key(), text);
        }
    }

    /** Due within the margin, but never again within {@code min-ttl} of the last fetch. */
    private boolean isDue(Entry<K, V> entry, Instant now) {
        return !now.isBefore(entry.nextUpdate().minus(config.refreshMargin()))
                && !now.isBefore(entry.fetchedAt().plus(config.minTtl()));
    }

    /** The one fetch in flight for the key, started when there is none. */
    private CompletableFuture<Entry<K, V>> fetch(K key, String text) {
        Instant requested = clock.instant();
        CompletableFuture<Entry<K, V>> mine = new CompletableFuture<>();
        CompletableFuture<Entry<K, V>> running = inflight.putIfAbsent(text, mine);
        if (running != null) {
            return running;
        }
        Future<?> task;
        try {
            task = executor.submit(() -> {
                try {
                    Entry<K, V> current = memory.get(text);
                    if (current != null && !current.fetchedAt().isBefore(requested)
                            && clock.instant().isBefore(current.nextUpdate())) {
                        // another fetch finished between this caller's miss and now: no need to ask again
                        mine.complete(current);
                        return;
                    }
                    Entry<K, V> entry = load(key);
                    remember(text, entry);
                    save(text, entry);
                    mine.complete(entry);
                } catch (CollateralException e) {
                    mine.completeExceptionally(e);
                } catch (RuntimeException e) {
                    log.warn("{} collateral {}: source failed", kind, text, e);
                    metrics.fetchFailed(kind, Reason.UNAVAILABLE);
                    mine.completeExceptionally(new CollateralException(Reason.UNAVAILABLE,
                            kind + " collateral source failed: " + e.getClass().getSimpleName(), e));
                }
            });
        } catch (RejectedExecutionException e) {
            inflight.remove(text, mine);
            mine.completeExceptionally(new CollateralException(Reason.UNAVAILABLE, "the AS is shutting down"));
            return mine;
        }
        mine.orTimeout(config.fetchTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((entry, failure) -> {
                    inflight.remove(text, mine);
                    if (failure instanceof TimeoutException) {
                        task.cancel(true);
                        metrics.fetchFailed(kind, Reason.UNAVAILABLE);
                        log.warn("{} collateral {}: no answer within {}", kind, text, config.fetchTimeout());
                    }
                });
        return mine;
    }

    private Entry<K, V> load(K key) throws CollateralException {
        try {
            V value = source.fetch(key, config.fetchTimeout());
            if (value == null) {
                throw new CollateralException(Reason.INVALID, "the " + kind + " source answered nothing");
            }
            Instant fetchedAt = clock.instant();
            Entry<K, V> entry = new Entry<>(key, value, encode(value), fetchedAt, dueTime(value, fetchedAt));
            metrics.fetched(kind);
            return entry;
        } catch (CollateralException e) {
            if (!Thread.currentThread().isInterrupted()) {
                // an interrupted fetch was abandoned at its deadline, and counted then
                metrics.fetchFailed(kind, e.reason());
                log.info("{} collateral {}: {}", kind, codec.keyText(key), e.getMessage());
            }
            throw e;
        }
    }

    private V decode(byte[] body) throws CollateralException {
        try {
            return codec.decode(body);
        } catch (RuntimeException e) {
            throw new CollateralException(Reason.INVALID, "unreadable " + kind + " document: " + e, e);
        }
    }

    private byte[] encode(V value) throws CollateralException {
        try {
            return codec.encode(value);
        } catch (RuntimeException e) {
            throw new CollateralException(Reason.INVALID, "unwritable " + kind + " document: " + e, e);
        }
    }

    /** The document's own next-update (or the default TTL), but not sooner than {@code min-ttl}. */
    private Instant dueTime(V value, Instant fetchedAt) throws CollateralException {
        Optional<Instant> own;
        try {
            own = codec.nextUpdate(value, fetchedAt);
        } catch (RuntimeException e) {
            throw new CollateralException(Reason.INVALID, "unreadable " + kind + " document: " + e, e);
        }
        Instant due = own.orElse(fetchedAt.plus(config.defaultTtl()));
        Instant earliest = fetchedAt.plus(config.minTtl());
        return due.isBefore(earliest) ? earliest : due;
    }

    private Entry<K, V> stored(K key, String text) {
        if (store == null) {
            return null;
        }
        Optional<CollateralStore.Row> row;
        try {
            row = store.find(kind, text);
        } catch (DataAccessException e) {
            log.warn("{} collateral {}: database cache unreadable: {}", kind, text, e.getMessage());
            return null;
        }
        if (row.isEmpty()) {
            return null;
        }
        try {
            V value = decode(row.get().body());
            return new Entry<>(key, value, row.get().body(), row.get().fetchedAt(), row.get().nextUpdate());
        } catch (CollateralException e) {
            log.warn("{} collateral {}: ignoring the unreadable database copy: {}", kind, text, e.getMessage());
            return null;
        }
    }

    private void save(String text, Entry<K, V> entry) {
        if (store == null) {
            return;
        }
        try {
            store.save(kind, text, new CollateralStore.Row(entry.body(), entry.fetchedAt(), entry.nextUpdate()));
        } catch (DataAccessException e) {
            log.warn("{} collateral {}: database cache not updated: {}", kind, text, e.getMessage());
        }
    }

    private void remember(String text, Entry<K, V> entry) {
        memory.put(text, entry);
        if (memory.size() > config.maxEntries()) {
            memory.entrySet().stream()
                    .min(Comparator.comparing(e -> e.getValue().fetchedAt()))
                    .ifPresent(oldest -> memory.remove(oldest.getKey(), oldest.getValue()));
        }
    }

    private Entry<K, V> await(CompletableFuture<Entry<K, V>> future) throws CollateralException {
        try {
            return future.get(config.fetchTimeout().toMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CollateralException collateral) {
                throw collateral;
            }
            if (e.getCause() instanceof TimeoutException) {
                throw new CollateralException(Reason.UNAVAILABLE,
                        "no " + kind + " collateral within " + config.fetchTimeout());
            }
            throw new CollateralException(Reason.UNAVAILABLE, kind + " collateral fetch failed: " + e.getCause(),
                    e.getCause());
        } catch (TimeoutException | CancellationException e) {
            throw new CollateralException(Reason.UNAVAILABLE,
                    "no " + kind + " collateral within " + config.fetchTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CollateralException(Reason.UNAVAILABLE, "interrupted waiting for " + kind + " collateral");
        }
    }
}
