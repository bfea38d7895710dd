package dev.arca.dcap.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Cache keys compare every byte, never only the hash, and a stored key owns its bytes. */
class ByteKeyTest {

    @Test
    void keysWithEqualHashesButOtherBytesDiffer() {
        // Arrays.hashCode: 31·(31 + 0) + 31 = 31·(31 + 1) + 0 = 992
        ByteKey a = ByteKey.lookup(new byte[] {0, 31});
        ByteKey b = ByteKey.lookup(new byte[] {1, 0});
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
        assertThat(a).isNotEqualTo(b);
        assertThat(a).isEqualTo(ByteKey.lookup(new byte[] {0, 31}));
    }

    @Test
    void aStoredKeyIsACopy() {
        byte[] bytes = {1, 2, 3};
        ByteKey stored = ByteKey.lookup(bytes).stored();
        bytes[0] = 9;
        assertThat(stored).isEqualTo(ByteKey.lookup(new byte[] {1, 2, 3}));
        assertThat(stored).isNotEqualTo(ByteKey.lookup(bytes));
    }

    @Test
    void theCacheDropsTheLeastRecentlyUsedEntryBeyondItsBound() {
        LruCache<ByteKey, String> cache = new LruCache<>(2);
        cache.put(ByteKey.lookup(new byte[] {1}), "one");
        cache.put(ByteKey.lookup(new byte[] {2}), "two");
        assertThat(cache.get(ByteKey.lookup(new byte[] {1}))).isEqualTo("one");
        cache.put(ByteKey.lookup(new byte[] {3}), "three");
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get(ByteKey.lookup(new byte[] {2}))).isNull();
        assertThat(cache.get(ByteKey.lookup(new byte[] {1}))).isEqualTo("one");
        assertThat(cache.get(ByteKey.lookup(new byte[] {3}))).isEqualTo("three");
    }
}
