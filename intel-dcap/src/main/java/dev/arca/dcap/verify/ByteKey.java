package dev.arca.dcap.verify;

import java.util.Arrays;

/**
 * A cache key that is the exact bytes (a private copy), compared in full: two keys are equal only when every byte is,
 * so a cache keyed by it cannot serve one input's result for another, whatever their hashes.
 */
final class ByteKey {

    private final byte[] bytes;
    private final int hash;

    private ByteKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** A key for looking up; it shares {@code bytes}, which the caller must not modify while it is in use. */
    static ByteKey lookup(byte[] bytes) {
        return new ByteKey(bytes);
    }

    /** A key to store; it owns a copy of the bytes. */
    ByteKey stored() {
        return new ByteKey(bytes.clone());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ByteKey key && hash == key.hash && Arrays.equals(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
