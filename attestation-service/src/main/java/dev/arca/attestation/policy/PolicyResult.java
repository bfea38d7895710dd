package dev.arca.attestation.policy;

import dev.arca.model.ear.EarClaims;
import dev.arca.model.ear.TrustCategory;
import dev.arca.policy.cel.CelValues;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads what a policy returned (docs/policies.md "What a policy returns"): a map from AR4SI category name to an int
 * in the EAR range −128..127 (draft-ietf-rats-ear), at least one of them, and optionally
 * {@code 'extensions': {name: value, …}} whose entries go into the submod as EAR extensions (upstream's
 * {@code data.policy.extensions}, Trustee attestation-service policy.md). Anything else is an error, which the engine
 * turns into a fail-closed vector.
 */
final class PolicyResult {

    static final String EXTENSIONS = "extensions";
    /** Extension names are claim names: no clash with the submod's own claims or the AS's marker. */
    private static final Set<String> RESERVED = Set.of(EarClaims.STATUS, EarClaims.TRUST_VECTOR, EarClaims.POLICY_ID,
            EarClaims.ANNOTATED_EVIDENCE, "arca.verified-as-of");
    private static final Pattern EXTENSION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");

    private PolicyResult() {
    }

    static PolicyVerdict read(Object result) {
        if (!(result instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("policy returned " + CelValues.describe(result) + ", not a map");
        }
        Map<TrustCategory, Integer> claims = new EnumMap<>(TrustCategory.class);
        Map<String, JsonNode> extensions = Map.of();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String name)) {
                throw new IllegalArgumentException("policy returned a non-string key "
                        + CelValues.describe(entry.getKey()));
            }
            if (EXTENSIONS.equals(name)) {
                extensions = extensions(entry.getValue());
                continue;
            }
            TrustCategory category = TrustCategory.fromWire(name).orElseThrow(() ->
                    new IllegalArgumentException("policy returned unknown trust category '" + name + "'"));
            if (!(entry.getValue() instanceof Long value)) {
                throw new IllegalArgumentException("category '" + name + "' is "
                        + CelValues.describe(entry.getValue()) + ", not an int");
            }
            if (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE) {
                throw new IllegalArgumentException("category '" + name + "' value " + value
                        + " is outside -128..127");
            }
            claims.put(category, value.intValue());
        }
        if (claims.isEmpty()) {
            // upstream refuses an appraisal that sets no category ("At least one policy claim must be set")
            throw new IllegalArgumentException("policy set no trust category; at least one must be set");
        }
        return new PolicyVerdict(new TrustVector(claims), extensions, null);
    }

    private static Map<String, JsonNode> extensions(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("'extensions' is " + CelValues.describe(value)
                    + ", not a map of extension name to value");
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String name) || !EXTENSION_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("extension name '" + entry.getKey()
                        + "' must be 1-128 characters of A-Z a-z 0-9 . _ : / -");
            }
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException("extension name '" + name + "' is reserved");
            }
            try {
                out.put(name, CelValues.toJson(entry.getValue()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("extension '" + name + "': " + e.getMessage(), e);
            }
        }
        return out;
    }
}
