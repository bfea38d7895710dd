package dev.arca.snp.kds;

import java.util.Arrays;

/** Exact bytes as a map key (compared in full, never by a digest alone). */
record ByteKey(byte[] bytes) {

    ByteKey {
        bytes = bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ByteKey that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "ByteKey[" + bytes.length + " bytes]";
    }
}
