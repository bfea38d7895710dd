package dev.arca.tpm.testkeys;

import java.io.ByteArrayOutputStream;

/** Big-endian TPM marshalling for the test structures (TPM 2.0 Library Part 2). */
final class TpmBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    TpmBytes u8(int value) {
        out.write(value);
        return this;
    }

    TpmBytes u16(int value) {
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    TpmBytes u32(long value) {
        return u16((int) (value >>> 16) & 0xFFFF).u16((int) value & 0xFFFF);
    }

    TpmBytes u64(long value) {
        return u32(value >>> 32).u32(value & 0xFFFFFFFFL);
    }

    TpmBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** TPM2B: u16 size ‖ bytes. */
    TpmBytes sized(byte[] bytes) {
        return u16(bytes.length).raw(bytes);
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
