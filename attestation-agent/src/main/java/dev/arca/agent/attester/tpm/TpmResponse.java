package dev.arca.agent.attester.tpm;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Unmarshals a TPM 2.0 response (Part 1 §18): header (tag, size, response code), then — for commands sent with
 * sessions — the parameter-area size, the parameters and the authorization area, which is skipped. Reads past the
 * parameters are refused, so a short or lying response cannot be mistaken for data.
 */
final class TpmResponse {

    private final ByteBuffer parameters;

    private TpmResponse(ByteBuffer parameters) {
        this.parameters = parameters;
    }

    static TpmResponse parse(String command, byte[] bytes, boolean sessions) throws TpmException {
        if (bytes.length < 10) {
            throw new TpmException(command + ": TPM response of " + bytes.length + " bytes is too short");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        short tag = in.getShort();
        int size = in.getInt();
        int code = in.getInt();
        if (size != bytes.length) {
            throw new TpmException(command + ": TPM response says " + size + " bytes but " + bytes.length
                    + " arrived");
        }
        if (code != 0) {
            throw new TpmException(command + " failed with TPM_RC 0x" + String.format("%03X", code), code, null);
        }
        if (sessions) {
            if (tag != Tpm2.ST_SESSIONS || in.remaining() < 4) {
                throw new TpmException(command + ": TPM response lacks its session area");
            }
            int parameterSize = in.getInt();
            if (parameterSize < 0 || parameterSize > in.remaining()) {
                throw new TpmException(command + ": TPM parameter size " + parameterSize + " runs past the response");
            }
            return new TpmResponse(ByteBuffer.wrap(bytes, in.position(), parameterSize).slice());
        }
        if (tag != Tpm2.ST_NO_SESSIONS) {
            throw new TpmException(command + ": unexpected TPM response tag 0x" + Integer.toHexString(tag & 0xFFFF));
        }
        return new TpmResponse(in.slice());
    }

    int u8() throws TpmException {
        return Byte.toUnsignedInt(read(1)[0]);
    }

    int u16() throws TpmException {
        byte[] b = read(2);
        return (b[0] & 0xFF) << 8 | b[1] & 0xFF;
    }

    int u32() throws TpmException {
        return ByteBuffer.wrap(read(4)).getInt();
    }

    /** A TPM2B: u16 size, then that many bytes. */
    byte[] sized() throws TpmException {
        return read(u16());
    }

    byte[] read(int length) throws TpmException {
        try {
            byte[] out = new byte[length];
            parameters.get(out);
            return out;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new TpmException("TPM response is shorter than its contents say");
        }
    }

    int position() {
        return parameters.position();
    }

    /** The parameter bytes from {@code from} up to the current position (to keep a structure as marshalled). */
    byte[] slice(int from) {
        return Arrays.copyOfRange(parameters.array(), parameters.arrayOffset() + from,
                parameters.arrayOffset() + parameters.position());
    }
}
