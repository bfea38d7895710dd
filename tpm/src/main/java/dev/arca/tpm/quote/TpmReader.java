package dev.arca.tpm.quote;

import dev.arca.tpm.TpmVerificationException;
import java.util.Arrays;

/**
 * Reads TPM 2.0 marshalled structures (TPM 2.0 Library Part 2: big-endian integers, TPM2B = u16 size ‖ bytes) with
 * bounds checks; a read past the end is a {@link TpmVerificationException.Reason#FORMAT} refusal naming the
 * structure.
 */
final class TpmReader {

    private final byte[] data;
    private final String structure;
    private int position;

    TpmReader(byte[] data, String structure) {
        this.data = data;
        this.structure = structure;
    }

    int u8() throws TpmVerificationException {
        need(1);
        return data[position++] & 0xFF;
    }

    int u16() throws TpmVerificationException {
        need(2);
        int value = (data[position] & 0xFF) << 8 | (data[position + 1] & 0xFF);
        position += 2;
        return value;
    }

    long u32() throws TpmVerificationException {
        need(4);
        long value = (data[position] & 0xFFL) << 24 | (data[position + 1] & 0xFFL) << 16
                | (data[position + 2] & 0xFFL) << 8 | (data[position + 3] & 0xFFL);
        position += 4;
        return value;
    }

    long u64() throws TpmVerificationException {
        return u32() << 32 | u32();
    }

    byte[] bytes(int length) throws TpmVerificationException {
        need(length);
        byte[] value = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return value;
    }

    /** A TPM2B: u16 size, then that many bytes. */
    byte[] sized() throws TpmVerificationException {
        return bytes(u16());
    }

    int remaining() {
        return data.length - position;
    }

    /** Trailing bytes after a structure are refused: a signature covers exactly what was parsed. */
    void requireEnd() throws TpmVerificationException {
        if (position != data.length) {
            throw TpmVerificationException.format(structure + " has " + remaining() + " trailing bytes");
        }
    }

    TpmVerificationException invalid(String message) {
        return TpmVerificationException.format(structure + ": " + message);
    }

    private void need(int length) throws TpmVerificationException {
        if (length < 0 || position + length > data.length) {
            throw TpmVerificationException.format(structure + " is truncated at byte " + position);
        }
    }
}
