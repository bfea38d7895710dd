package dev.arca.model.ear;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** AR4SI trust tiers, in increasing order of severity (draft-ietf-rats-ar4si). */
public enum EarStatus {
    NONE("none"),
    AFFIRMING("affirming"),
    WARNING("warning"),
    CONTRAINDICATED("contraindicated");

    private final String wireName;

    EarStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static EarStatus fromWire(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown ear.status '" + name + "'"));
    }

    /** The tier of one trust-vector value. */
    public static EarStatus ofClaim(int value) {
        if (value >= -1 && value <= 1) {
            return NONE;
        }
        if (value >= -32 && value <= 31) {
            return AFFIRMING;
        }
        if (value >= -96 && value <= 95) {
            return WARNING;
        }
        return CONTRAINDICATED;
    }

    public EarStatus worst(EarStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
