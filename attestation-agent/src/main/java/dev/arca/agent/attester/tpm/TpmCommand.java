package dev.arca.agent.attester.tpm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Marshals one TPM 2.0 command (Part 1 §18, Part 3): header (tag, size, command code), handles, an optional
 * authorization area holding one empty-password session, and the parameters. All integers are big-endian.
 */
final class TpmCommand {

    private final int commandCode;
    private final boolean authorized;
    private final ByteArrayOutputStream handles = new ByteArrayOutputStream();
    private final ByteArrayOutputStream parameters = new ByteArrayOutputStream();

    private TpmCommand(int commandCode, boolean authorized) {
        this.commandCode = commandCode;
        this.authorized = authorized;
    }

    /** A bare structure (e.g. a TPMS_NV_PUBLIC to embed in a TPM2B): only {@link #parameterBytes()} is used. */
    static TpmCommand structure() {
        return new TpmCommand(0, false);
    }

    static TpmCommand withoutSessions(int commandCode) {
        return new TpmCommand(commandCode, false);
    }

    /** A command whose first handle is authorized with the empty password (TPM_RS_PW). */
    static TpmCommand withPassword(int commandCode) {
        return new TpmCommand(commandCode, true);
    }

    TpmCommand handle(int handle) {
        writeInt(handles, handle);
        return this;
    }

    TpmCommand u8(int value) {
        parameters.write(value);
        return this;
    }

    TpmCommand u16(int value) {
        parameters.write(value >>> 8);
        parameters.write(value);
        return this;
    }

    TpmCommand u32(int value) {
        writeInt(parameters, value);
        return this;
    }

    TpmCommand bytes(byte[] value) {
        parameters.writeBytes(value);
        return this;
    }

    /** A TPM2B: u16 size, then the bytes. */
    TpmCommand sized(byte[] value) {
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("TPM2B longer than 65535 bytes");
        }
        return u16(value.length).bytes(value);
    }

    byte[] toBytes() {
        ByteArrayOutputStream auth = new ByteArrayOutputStream();
        if (authorized) {
            writeInt(auth, Tpm2.RS_PW);
            auth.write(0); // nonce: empty TPM2B
            auth.write(0);
            auth.write(0); // session attributes
            auth.write(0); // hmac (the password): empty TPM2B
            auth.write(0);
        }
        int size = 10 + handles.size() + (authorized ? 4 + auth.size() : 0) + parameters.size();
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putShort(authorized ? Tpm2.ST_SESSIONS : Tpm2.ST_NO_SESSIONS).putInt(size).putInt(commandCode);
        out.put(handles.toByteArray());
        if (authorized) {
            out.putInt(auth.size()).put(auth.toByteArray());
        }
        out.put(parameters.toByteArray());
        return out.array();
    }

    byte[] parameterBytes() {
        return parameters.toByteArray();
    }

    boolean authorized() {
        return authorized;
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
