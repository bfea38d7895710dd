package dev.arca.agent.fakes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * FAKE TDX measurement registers — the Linux ≥ 6.16 sysfs files under
 * /sys/devices/virtual/misc/tdx_guest/measurements: {@code rtmr<N>:sha384} read the register, and a 48-byte write
 * extends it (new = SHA-384(old ‖ written)), as the TDX module's TDG.MR.RTMR.EXTEND does; {@code mrconfigid} is
 * read-only.
 */
public final class FakeTdxMeasurements {

    private final Path dir;

    FakeTdxMeasurements(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < 4; i++) {
                Files.write(dir.resolve("rtmr" + i + ":sha384"), new byte[48]);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public FakeTdxMeasurements mrConfigId(byte[] value) throws IOException {
        Files.write(dir.resolve("mrconfigid"), value);
        return this;
    }

    public byte[] rtmr(int index) throws IOException {
        return Files.readAllBytes(dir.resolve("rtmr" + index + ":sha384"));
    }

    boolean owns(Path path) {
        return path.startsWith(dir);
    }

    void write(Path file, byte[] digest) throws IOException {
        String name = file.getFileName().toString();
        if (!name.matches("rtmr[0-3]:sha384")) {
            throw new IOException("EACCES: " + name + " is read-only");
        }
        if (digest.length != 48) {
            throw new IOException("EINVAL: an RTMR extend takes 48 bytes, got " + digest.length);
        }
        try {
            MessageDigest sha384 = MessageDigest.getInstance("SHA-384");
            sha384.update(Files.readAllBytes(file));
            sha384.update(digest);
            Files.write(file, sha384.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
