package dev.arca.agent.fakes;

import dev.arca.agent.platform.HostFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * FAKE KERNEL — stands in for the TEE hardware and its kernel drivers. It is a directory laid out like the
 * kernel's ({@code <root>/sys/...}, {@code <root>/dev/...}, {@code <root>/run/...}) onto which the agent's absolute
 * kernel paths (/sys, /dev, /run) are mapped, holding the outputs a test puts there, plus the dynamic side of
 * the interfaces that plain files cannot have: configfs-tsm report objects ({@link FakeConfigfsTsm}), the TDX RTMR
 * sysfs files ({@link FakeTdxMeasurements}) and TPM character devices ({@link FakeTpmDevice}). Any other path
 * (e.g. a test's temp files) is the real file system.
 */
public class FakeKernel extends HostFiles {

    private final Path root;
    private FakeConfigfsTsm tsm;
    private FakeTdxMeasurements measurements;
    private final Map<Path, FakeTpmDevice> tpms = new HashMap<>();

    private FakeKernel(Path root) {
        this.root = root;
    }

    /** An empty kernel (no TEE at all) under {@code root}. */
    public static FakeKernel at(Path root) {
        try {
            Files.createDirectories(root.resolve("sys"));
            Files.createDirectories(root.resolve("dev"));
            Files.createDirectories(root.resolve("run"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FakeKernel(root);
    }

    /** Where {@code kernelPath} (e.g. /sys/kernel/config) lives in the fake; other paths are themselves. */
    public Path real(Path kernelPath) {
        Path normalized = kernelPath.normalize();
        for (String top : new String[] {"/sys", "/dev", "/run"}) {
            Path prefix = Path.of(top);
            if (normalized.isAbsolute() && normalized.startsWith(prefix)) {
                return root.resolve(top.substring(1)).resolve(prefix.relativize(normalized).toString());
            }
        }
        return kernelPath;
    }

    public Path real(String kernelPath) {
        return real(Path.of(kernelPath));
    }

    /** A static file of the kernel (e.g. the ACPI CCEL table, a device node, Gramine's pseudo-files). */
    public FakeKernel file(String kernelPath, byte[] content) {
        try {
            Path file = real(kernelPath);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FakeKernel directory(String kernelPath) {
        try {
            Files.createDirectories(real(kernelPath));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** configfs-tsm with the given provider; its answers are set on the returned object. */
    public FakeConfigfsTsm configfsTsm(String provider) {
        tsm = new FakeConfigfsTsm(real("/sys/kernel/config/tsm/report"), provider);
        return tsm;
    }

    /** The TDX sysfs measurement registers (Linux ≥ 6.16), all zero at first. */
    public FakeTdxMeasurements tdxMeasurements() {
        measurements = new FakeTdxMeasurements(real("/sys/devices/virtual/misc/tdx_guest/measurements"));
        return measurements;
    }

    /** A TPM character device at /dev/{@code name}. */
    public FakeTpmDevice tpm(String name, FakeTpmDevice tpm) {
        file("/dev/" + name, new byte[0]);
        tpms.put(real("/dev/" + name), tpm);
        return tpm;
    }

    @Override
    public boolean exists(Path path) {
        return super.exists(real(path));
    }

    @Override
    public boolean isDirectory(Path path) {
        return super.isDirectory(real(path));
    }

    @Override
    public byte[] read(Path path, int maxBytes) throws IOException {
        return super.read(real(path), maxBytes);
    }

    @Override
    public void write(Path path, byte[] data) throws IOException {
        Path real = real(path);
        if (tsm != null && tsm.owns(real)) {
            tsm.write(real, data);
        } else if (measurements != null && measurements.owns(real)) {
            measurements.write(real, data);
        } else {
            super.write(real, data);
        }
    }

    @Override
    public void mkdir(Path path) throws IOException {
        Path real = real(path);
        if (tsm != null && tsm.owns(real)) {
            tsm.mkdir(real);
        } else {
            super.mkdir(real);
        }
    }

    @Override
    public void rmdir(Path path) throws IOException {
        Path real = real(path);
        if (tsm != null && tsm.owns(real)) {
            tsm.rmdir(real);
        } else {
            super.rmdir(real);
        }
    }

    @Override
    public ByteChannel openDevice(Path device) throws IOException {
        FakeTpmDevice tpm = tpms.get(real(device));
        if (tpm == null) {
            throw new NoSuchFileException(device.toString());
        }
        return tpm.open();
    }
}
