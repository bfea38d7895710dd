package dev.arca.agent.attester;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Picks the attesters of this machine (specs/aa.md §3.0). Upstream probes tdx → sgx → az-tdx-vtpm → az-snp-vtpm →
 * snp → csv → cca → se → tpm and falls back to {@code sample}; this agent has no hardware attester yet, so the
 * primary is always the sample one, and callers should say so. A hardware attester is added by probing for it here,
 * ahead of the fallback.
 */
public final class AttesterDetection {

    /** Upstream's switch for the sample device attester: set to any value enables it (specs/aa.md §4.2). */
    public static final String ENABLE_SAMPLE_DEVICE = "ENABLE_SAMPLE_DEVICE";

    private AttesterDetection() {
    }

    public static Attester primary() {
        return new SampleAttester();
    }

    /** The additional-device attesters enabled in {@code environment}. */
    public static List<Attester> additionalDevices(Map<String, String> environment) {
        List<Attester> devices = new ArrayList<>();
        if (environment.containsKey(ENABLE_SAMPLE_DEVICE)) {
            devices.add(new SampleDeviceAttester());
        }
        return List.copyOf(devices);
    }
}
