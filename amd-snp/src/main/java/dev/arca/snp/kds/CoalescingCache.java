package dev.arca.snp.kds;

import dev.arca.snp.SnpVerificationException;
import dev.arca.snp.SnpVerificationException.Reason;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * A bounded, least-recently-used map of loaded values in which concurrent misses for one key share one load, and
 * failures are not kept. What "still good" means is the caller's ({@code fresh}), so entries can be replaced when
 * they expire at the verification instant.
 */
final class CoalescingCache<K, V> {

    /** Loads a value; may refuse. */
    @FunctionalInterface
    interface Loader<V> {
        V load() throws SnpVerificationException;
    }

    private final Map<K, CompletableFuture<V>> entries;

    CoalescingCache(int maxEntries) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, CompletableFuture<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The cached value when {@code fresh}, the load in flight when there is one, or a new load. */
    V get(K key, Predicate<V> fresh, Loader<V> loader) throws SnpVerificationException {
        CompletableFuture<V> pending = null;
        CompletableFuture<V> mine = new CompletableFuture<>();
        synchronized (entries) {
            CompletableFuture<V> existing = entries.get(key);
            if (existing != null && (!existing.isDone()
                    || !existing.isCompletedExceptionally() && fresh.test(existing.join()))) {
                pending = existing;
            } else {
                entries.put(key, mine);
            }
        }
        if (pending != null) {
            return await(pending);
        }
        try {
            V loaded = loader.load();
            mine.complete(loaded);
            return loaded;
        } catch (SnpVerificationException | RuntimeException e) {
            synchronized (entries) {
                entries.remove(key, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private V await(CompletableFuture<V> future) throws SnpVerificationException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SnpVerificationException snp) {
                throw snp;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SnpVerificationException(Reason.UNEXPECTED, "loading AMD certificates failed", e);
        } catch (CancellationException e) {
            throw new SnpVerificationException(Reason.CERTIFICATES_UNAVAILABLE, "loading AMD certificates cancelled");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnpVerificationException(Reason.CERTIFICATES_UNAVAILABLE,
                    "interrupted waiting for AMD certificates");
        }
    }
}
