package dev.arca.attestation.policy;

import dev.arca.model.ear.TrustCategory;
import java.util.EnumMap;
import java.util.Map;

/**
 * Reads what a policy returned into a {@link TrustVector}: a map from AR4SI category name to an int in the EAR range
 * −128..127 (specs/as-rvps.md §4.1.4). Anything else is an error, which the engine turns into a fail-closed vector.
 */
final class PolicyResult {

    private PolicyResult() {
    }

    static TrustVector toTrustVector(Object result) {
        if (!(result instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("policy returned " + describe(result) + ", not a map");
        }
        if (map.isEmpty()) {
            // upstream refuses an appraisal that sets no category ("At least one policy claim must be set")
            throw new IllegalArgumentException("policy returned an empty map; at least one category must be set");
        }
        Map<TrustCategory, Integer> claims = new EnumMap<>(TrustCategory.class);
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String name)) {
                throw new IllegalArgumentException("policy returned a non-string key " + describe(entry.getKey()));
            }
            TrustCategory category = TrustCategory.fromWire(name).orElseThrow(() ->
                    new IllegalArgumentException("policy returned unknown trust category '" + name + "'"));
            if (!(entry.getValue() instanceof Long value)) {
                throw new IllegalArgumentException("category '" + name + "' is " + describe(entry.getValue())
                        + ", not an int");
            }
            if (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE) {
                throw new IllegalArgumentException("category '" + name + "' value " + value
                        + " is outside -128..127");
            }
            claims.put(category, value.intValue());
        }
        return new TrustVector(claims);
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
