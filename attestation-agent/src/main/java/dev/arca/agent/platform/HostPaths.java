package dev.arca.agent.platform;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the kernel interfaces live. The three roots are configurable ({@code arca.agent.sysfs-root},
 * {@code arca.agent.dev-root}, {@code arca.agent.run-root}, or the configuration file), so the agent can be pointed
 * at a copy of the kernel's layout — a container with /sys mounted elsewhere, or a test directory. Every other path
 * is derived from them exactly as the kernel lays it out (guest-components attesters).
 *
 * @param sys the sysfs root, normally {@code /sys} (configfs is mounted at {@code /sys/kernel/config})
 * @param dev the device root, normally {@code /dev}
 * @param run the runtime-state root, normally {@code /run}
 */
public record HostPaths(Path sys, Path dev, Path run) {

    public static final String SYSFS_ROOT_PROPERTY = "arca.agent.sysfs-root";
    public static final String DEV_ROOT_PROPERTY = "arca.agent.dev-root";
    public static final String RUN_ROOT_PROPERTY = "arca.agent.run-root";

    public HostPaths {
        Objects.requireNonNull(sys, "sys");
        Objects.requireNonNull(dev, "dev");
        Objects.requireNonNull(run, "run");
    }

    /** The real host, unless the system properties point elsewhere. */
    public static HostPaths fromSystemProperties() {
        return new HostPaths(Path.of(System.getProperty(SYSFS_ROOT_PROPERTY, "/sys")),
                Path.of(System.getProperty(DEV_ROOT_PROPERTY, "/dev")),
                Path.of(System.getProperty(RUN_ROOT_PROPERTY, "/run")));
    }

    /** All three under one directory: {@code <root>/sys}, {@code <root>/dev}, {@code <root>/run}. */
    public static HostPaths under(Path root) {
        return new HostPaths(root.resolve("sys"), root.resolve("dev"), root.resolve("run"));
    }

    /** configfs-tsm report objects (Linux configfs-tsm ABI). */
    public Path tsmReport() {
        return sys.resolve("kernel/config/tsm/report");
    }

    /** The ACPI CCEL event-log area (guest-components TDX attester). */
    public Path ccelData() {
        return sys.resolve("firmware/acpi/tables/data/CCEL");
    }

    /** TDX measurement registers in sysfs, Linux ≥ 6.16 (guest-components TDX attester). */
    public Path tdxMeasurements() {
        return sys.resolve("devices/virtual/misc/tdx_guest/measurements");
    }

    /** Present in an SEV-SNP guest (guest-components SNP attester). */
    public Path sevGuestPlatform() {
        return sys.resolve("devices/platform/sev-guest");
    }

    public Path device(String name) {
        return dev.resolve(name);
    }

    /** Gramine's pseudo-files (guest-components SGX attester). */
    public Path gramineAttestation() {
        return dev.resolve("attestation");
    }

    /**
     * The AA event log (AAEL), upstream's {@code /run/attestation-agent/eventlog} (Trustee
     * confidential-containers-eventlog.md).
     */
    public Path eventLog() {
        return run.resolve("attestation-agent/eventlog");
    }
}
