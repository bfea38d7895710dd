package dev.arca.dcap.verify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small thread-safe least-recently-used map with a fixed bound. Look-ups are short (the keys' hashes are computed
 * before the lock is taken); values are computed outside the lock, so a slow miss never blocks other callers, and
 * two concurrent misses for one key may both compute (the results are equal, the later one is kept).
 */
final class LruCache<K, V> {

    private final Map<K, V> entries;

    LruCache(int maxEntries) {
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    V get(K key) {
        synchronized (entries) {
            return entries.get(key);
        }
    }

    void put(K key, V value) {
        synchronized (entries) {
            entries.put(key, value);
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
