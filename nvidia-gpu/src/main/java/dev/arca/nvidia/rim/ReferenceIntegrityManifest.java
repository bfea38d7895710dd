package dev.arca.nvidia.rim;

import java.util.List;
import java.util.Map;

/**
 * One NVIDIA Reference Integrity Manifest (the driver's or the VBIOS's), read from its SWID tag (ISO/IEC 19770-2 with
 * the TCG RIM attributes) after its XML signature verified.
 *
 * @param tagId        the SWID {@code tagId}
 * @param name         the SWID {@code name} (the product, e.g. {@code GH100})
 * @param version      the SWID {@code version} (the driver or VBIOS version)
 * @param measurements the active measurements by RIM index (0-based): the SHA-384 values (lower-case hex) the device
 *                     may report at that index, any one of them
 */
public record ReferenceIntegrityManifest(String tagId, String name, String version,
        Map<Integer, List<String>> measurements) {

    public ReferenceIntegrityManifest {
        measurements = Map.copyOf(measurements);
    }

    /** The SPDM measurement index of a RIM index: the RIM counts from 0, SPDM's measurement blocks from 1. */
    public static int spdmIndex(int rimIndex) {
        return rimIndex + 1;
    }
}
