package dev.arca.csv.cert;

import dev.arca.csv.CsvVerificationException;

/** Bounds-checked little-endian reads of Hygon's structures, which are C structs of the PSP firmware. */
public final class LittleEndian {

    private LittleEndian() {
    }

    /** Refuses a region that does not lie inside {@code bytes}. */
    public static void require(byte[] bytes, int offset, int length, String what) throws CsvVerificationException {
        if (bytes == null || offset < 0 || length < 0 || offset > bytes.length - length) {
            throw CsvVerificationException.format(what + " is truncated (" + length + " bytes at offset " + offset
                    + " of " + (bytes == null ? 0 : bytes.length) + ")");
        }
    }

    public static long u32(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFFL) | (bytes[offset + 1] & 0xFFL) << 8 | (bytes[offset + 2] & 0xFFL) << 16
                | (bytes[offset + 3] & 0xFFL) << 24;
    }

    public static int u16(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
    }

    public static void putU32(byte[] bytes, int offset, long value) {
        for (int i = 0; i < 4; i++) {
            bytes[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    public static void putU16(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) value;
        bytes[offset + 1] = (byte) (value >>> 8);
    }

    /** {@code length} bytes from {@code offset}, in reverse order (little-endian number ↔ big-endian). */
    public static byte[] reversed(byte[] bytes, int offset, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = bytes[offset + length - 1 - i];
        }
        return out;
    }
}
