package dev.arca.agent.attester.tpm;

import dev.arca.agent.platform.HostFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.file.Path;

/**
 * A TPM character device ({@code /dev/tpmrm0} or {@code /dev/tpm0}): one write of the whole command, then reads
 * until the size in the response header has arrived. The device is opened per command, which lets the kernel's
 * resource manager flush any transient state between the agent's calls.
 */
public final class TpmDevice implements TpmTransport {

    private final HostFiles files;
    private final Path device;

    public TpmDevice(HostFiles files, Path device) {
        this.files = files;
        this.device = device;
    }

    public Path path() {
        return device;
    }

    @Override
    public byte[] transmit(byte[] command) throws TpmException {
        try (ByteChannel channel = files.openDevice(device)) {
            ByteBuffer out = ByteBuffer.wrap(command);
            while (out.hasRemaining()) {
                channel.write(out);
            }
            ByteBuffer in = ByteBuffer.allocate(Tpm2.MAX_MESSAGE);
            int expected = -1;
            while (expected < 0 || in.position() < expected) {
                if (channel.read(in) < 0) {
                    throw new TpmException(device + " closed before the whole TPM response arrived");
                }
                if (expected < 0 && in.position() >= 6) {
                    expected = in.getInt(2);
                    if (expected < 10 || expected > Tpm2.MAX_MESSAGE) {
                        throw new TpmException(device + " returned a TPM response of impossible size " + expected);
                    }
                }
            }
            byte[] response = new byte[expected];
            in.flip();
            in.get(response);
            return response;
        } catch (IOException e) {
            throw new TpmException("cannot talk to the TPM at " + device + ": " + e.getMessage(), 0, e);
        }
    }
}
