package dev.arca.dcap.quote;

import java.util.Arrays;

/**
 * A little-endian cursor over a byte range that checks every read against the range's end, so a truncated or lying
 * quote becomes a {@link QuoteFormatException} naming the field, never an index exception. All Intel quote integers
 * are little-endian (Intel SGX ECDSA Quote Library API; TDX QGL/QVL API spec Appendix A).
 */
final class ByteReader {

    private final byte[] data;
    private final int end;
    private int position;

    ByteReader(byte[] data) {
        this(data, 0, data.length);
    }

    private ByteReader(byte[] data, int start, int end) {
        this.data = data;
        this.position = start;
        this.end = end;
    }

    int position() {
        return position;
    }

    int remaining() {
        return end - position;
    }

    byte[] bytes(long length, String field) throws QuoteFormatException {
        require(length, field);
        byte[] out = Arrays.copyOfRange(data, position, position + (int) length);
        position += (int) length;
        return out;
    }

    int u16(String field) throws QuoteFormatException {
        require(2, field);
        int value = (data[position] & 0xFF) | (data[position + 1] & 0xFF) << 8;
        position += 2;
        return value;
    }

    long u32(String field) throws QuoteFormatException {
        require(4, field);
        long value = (data[position] & 0xFFL)
                | (data[position + 1] & 0xFFL) << 8
                | (data[position + 2] & 0xFFL) << 16
                | (data[position + 3] & 0xFFL) << 24;
        position += 4;
        return value;
    }

    /** A reader over the next {@code length} bytes; this reader moves past them. */
    ByteReader slice(long length, String field) throws QuoteFormatException {
        require(length, field);
        ByteReader sub = new ByteReader(data, position, position + (int) length);
        position += (int) length;
        return sub;
    }

    /** Copy of the bytes in [from, to) of the underlying array, for the signed region of a quote. */
    byte[] copyOf(int from, int to) {
        return Arrays.copyOfRange(data, from, to);
    }

    private void require(long length, String field) throws QuoteFormatException {
        if (length < 0 || length > remaining()) {
            throw new QuoteFormatException(field + ": needs " + length + " bytes at offset " + position
                    + " but only " + remaining() + " remain");
        }
    }
}
