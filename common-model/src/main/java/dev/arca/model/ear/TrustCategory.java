package dev.arca.model.ear;

import java.util.Arrays;
import java.util.Optional;

/** The eight AR4SI trustworthiness-vector categories with their EAR JSON names (draft-ietf-rats-ar4si). */
public enum TrustCategory {
    INSTANCE_IDENTITY("instance-identity"),
    CONFIGURATION("configuration"),
    EXECUTABLES("executables"),
    FILE_SYSTEM("file-system"),
    HARDWARE("hardware"),
    RUNTIME_OPAQUE("runtime-opaque"),
    STORAGE_OPAQUE("storage-opaque"),
    SOURCED_DATA("sourced-data");

    private final String wireName;

    TrustCategory(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<TrustCategory> fromWire(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }
}
