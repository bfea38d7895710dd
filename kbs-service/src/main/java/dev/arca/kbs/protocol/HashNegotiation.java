package dev.arca.kbs.protocol;

import dev.arca.kbs.error.KbsException;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Json;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The runtime-data hash algorithm of a session, negotiated through {@code extra-params} (Trustee
 * kbs_attestation_protocol.md).
 *
 * <p>Without {@code supported-hash-algorithms} the answer is {@code ""} and both sides use SHA-384, as upstream. When
 * the client lists algorithms, Arca picks one its AS hashes with (sha256/384/512), preferring SHA-384 — the
 * algorithm every upstream verifier assumes — and names it in {@code selected-hash-algorithm}, which the reference
 * client honours (guest-components kbs_protocol). Upstream's CoCo AS insists on sha512 there; Arca's AS accepts any of
 * the three.
 */
public final class HashNegotiation {

    static final String SUPPORTED = "supported-hash-algorithms";
    static final String SELECTED = "selected-hash-algorithm";
    private static final List<HashAlgorithm> PREFERENCE =
            List.of(HashAlgorithm.SHA384, HashAlgorithm.SHA512, HashAlgorithm.SHA256);

    /** The chosen algorithm and the {@code extra-params} to answer with. */
    public record Outcome(HashAlgorithm algorithm, JsonNode extraParams) {
    }

    private HashNegotiation() {
    }

    public static Outcome negotiate(JsonNode extraParams) {
        JsonNode offered = extraParams == null || !extraParams.isObject() ? null : extraParams.get(SUPPORTED);
        if (offered == null || offered.isNull()) {
            return new Outcome(HashAlgorithm.DEFAULT, Json.MAPPER.getNodeFactory().stringNode(""));
        }
        if (!offered.isArray()) {
            throw new KbsException(KbsErrorType.InvalidRequest, SUPPORTED + " must be an array of algorithm names");
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode name : offered) {
            if (!name.isString()) {
                throw new KbsException(KbsErrorType.InvalidRequest, SUPPORTED + " must contain strings only");
            }
            names.add(name.asString().toLowerCase(Locale.ROOT));
        }
        for (HashAlgorithm candidate : PREFERENCE) {
            if (names.contains(candidate.wireName())) {
                ObjectNode answer = Json.MAPPER.createObjectNode();
                answer.put(SELECTED, candidate.wireName());
                return new Outcome(candidate, answer);
            }
        }
        throw new KbsException(KbsErrorType.InvalidRequest, "none of the offered hash algorithms " + names
                + " is supported; offer sha384, sha512 or sha256");
    }
}
