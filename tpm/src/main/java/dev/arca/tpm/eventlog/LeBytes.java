package dev.arca.tpm.eventlog;

/** Little-endian reads with bounds checks for event-log structures (TCG logs are little-endian, TPM structures not). */
final class LeBytes {

    private LeBytes() {
    }

    static boolean fits(byte[] data, long offset, long length) {
        return offset >= 0 && length >= 0 && offset + length <= data.length;
    }

    static int u16(byte[] data, int offset) {
        return (data[offset] & 0xFF) | (data[offset + 1] & 0xFF) << 8;
    }

    static long u32(byte[] data, int offset) {
        return (data[offset] & 0xFFL) | (data[offset + 1] & 0xFFL) << 8 | (data[offset + 2] & 0xFFL) << 16
                | (data[offset + 3] & 0xFFL) << 24;
    }

    static long u64(byte[] data, int offset) {
        return u32(data, offset) | u32(data, offset + 4) << 32;
    }

    static boolean allEqual(byte[] data, int from, int value) {
        for (int i = from; i < data.length; i++) {
            if ((data[i] & 0xFF) != value) {
                return false;
            }
        }
        return true;
    }
}
