package dev.arca.nvidia.spdm;

import dev.arca.nvidia.NvidiaVerificationException;
import java.util.Arrays;

/** Bounds-checked little-endian reads over an SPDM message (DSP0274 §7: all multi-byte fields are little-endian). */
final class SpdmReader {

    private final byte[] bytes;
    private final int end;
    private int position;

    SpdmReader(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
    }

    int position() {
        return position;
    }

    int remaining() {
        return end - position;
    }

    int u8(String field) throws NvidiaVerificationException {
        require(1, field);
        return bytes[position++] & 0xFF;
    }

    int u16(String field) throws NvidiaVerificationException {
        require(2, field);
        int value = (bytes[position] & 0xFF) | (bytes[position + 1] & 0xFF) << 8;
        position += 2;
        return value;
    }

    int u24(String field) throws NvidiaVerificationException {
        require(3, field);
        int value = (bytes[position] & 0xFF) | (bytes[position + 1] & 0xFF) << 8 | (bytes[position + 2] & 0xFF) << 16;
        position += 3;
        return value;
    }

    byte[] take(int length, String field) throws NvidiaVerificationException {
        require(length, field);
        byte[] value = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return value;
    }

    private void require(int length, String field) throws NvidiaVerificationException {
        if (length < 0 || end - position < length) {
            throw NvidiaVerificationException.format(field + " runs past the end of the SPDM message (needs " + length
                    + " bytes at offset " + position + ", " + (end - position) + " left)");
        }
    }
}
