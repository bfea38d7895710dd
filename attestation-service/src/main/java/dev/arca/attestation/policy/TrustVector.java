package dev.arca.attestation.policy;

import dev.arca.model.ear.EarStatus;
import dev.arca.model.ear.TrustCategory;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An AR4SI trustworthiness vector (draft-ietf-rats-ar4si): the categories a policy set, with their claim values;
 * a category not set means 0 ("no claim") and is left out of the token, as upstream leaves out unset ones. The EAR
 * status is the worst tier over the values.
 */
public record TrustVector(Map<TrustCategory, Integer> claims) {

    /** AR4SI hardware 97: "unrecognized, but should be" — what an appraisal that could not run amounts to. */
    public static final int HARDWARE_UNRECOGNIZED = 97;

    public TrustVector {
        EnumMap<TrustCategory, Integer> copy = new EnumMap<>(TrustCategory.class);
        copy.putAll(claims);
        claims = Collections.unmodifiableMap(copy);
    }

    /** The verdict when evaluation failed: fail closed, contraindicated (docs/architecture.md "Attestation policy"). */
    public static TrustVector failClosed() {
        return new TrustVector(Map.of(TrustCategory.HARDWARE, HARDWARE_UNRECOGNIZED));
    }

    public int claim(TrustCategory category) {
        return claims.getOrDefault(category, 0);
    }

    public EarStatus status() {
        EarStatus worst = EarStatus.NONE;
        for (int value : claims.values()) {
            worst = worst.worst(EarStatus.ofClaim(value));
        }
        return worst;
    }

    /** The set claims (zeros included) by EAR category name, in AR4SI order, as the token carries them. */
    public Map<String, Integer> byName() {
        Map<String, Integer> out = new LinkedHashMap<>();
        claims.forEach((category, value) -> out.put(category.wireName(), value));
        return out;
    }
}
