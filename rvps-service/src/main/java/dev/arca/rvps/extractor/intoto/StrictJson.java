package dev.arca.rvps.extractor.intoto;

import dev.arca.service.problem.BodyErrors;
import dev.arca.model.json.Json;
import dev.arca.service.problem.BodyErrors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads in-toto JSON strictly: a duplicate member could make the signed bytes and the checked content differ, so it is
 * refused; decimals are kept as decimals, so canonical JSON can refuse them instead of rounding.
 */
final class StrictJson {

    private static final JsonMapper MAPPER = Json.MAPPER.rebuild()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private StrictJson() {
    }

    static JsonNode read(byte[] json, String what) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new InTotoRefusedException(what + " is empty");
            }
            return node;
        } catch (JacksonException e) {
            throw new InTotoRefusedException(what + " is not valid JSON: " + BodyErrors.describe(e));
        }
    }

    static JsonNode read(String json, String what) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new InTotoRefusedException(what + " is empty");
            }
            return node;
        } catch (JacksonException e) {
            throw new InTotoRefusedException(what + " is not valid JSON: " + BodyErrors.describe(e));
        }
    }
}
