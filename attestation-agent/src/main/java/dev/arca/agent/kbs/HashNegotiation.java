package dev.arca.agent.kbs;

import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Json;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runtime-data hash negotiation (guest-components kbs_protocol): the guest lists what it supports in the Request; the
 * KBS may name one in the Challenge's {@code extra-params.selected-hash-algorithm}; otherwise SHA-384 applies (which is
 * what Trustee's verifiers expect for every TEE but IBM SE).
 */
final class HashNegotiation {

    static final String SUPPORTED = "supported-hash-algorithms";
    static final String SELECTED = "selected-hash-algorithm";

    /** What this client offers; SM3 is not offered (no attester of ours needs it). */
    static final List<HashAlgorithm> OFFERED = List.of(HashAlgorithm.SHA256, HashAlgorithm.SHA384,
            HashAlgorithm.SHA512);

    private HashNegotiation() {
    }

    /** The Request's extra-params: {"supported-hash-algorithms": ["sha256","sha384","sha512"]}. */
    static ObjectNode requestExtraParams() {
        ObjectNode params = Json.MAPPER.createObjectNode();
        ArrayNode supported = params.putArray(SUPPORTED);
        OFFERED.forEach(a -> supported.add(a.wireName()));
        return params;
    }

    /**
     * The algorithm the Challenge selects. A selection that is not a string, or names an algorithm this client did
     * not offer, is refused rather than guessed at: the evidence would not verify anyway.
     */
    static HashAlgorithm select(JsonNode challengeExtraParams) {
        if (challengeExtraParams == null || !challengeExtraParams.isObject()
                || !challengeExtraParams.has(SELECTED)) {
            return HashAlgorithm.DEFAULT;
        }
        JsonNode selected = challengeExtraParams.get(SELECTED);
        if (!selected.isString()) {
            throw new IllegalArgumentException(SELECTED + " is not a JSON string");
        }
        String name = selected.asString().toLowerCase(Locale.ROOT);
        return OFFERED.stream().filter(a -> a.wireName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("KBS selected hash algorithm '" + selected.asString()
                        + "', which this client did not offer"));
    }
}
