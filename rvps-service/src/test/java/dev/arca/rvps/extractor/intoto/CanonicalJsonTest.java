package dev.arca.rvps.extractor.intoto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class CanonicalJsonTest {

    private static final JsonMapper DECIMALS =
            Json.MAPPER.rebuild().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private static String canonical(String json) {
        return new String(CanonicalJson.encode(DECIMALS.readTree(json)), StandardCharsets.UTF_8);
    }

    @Test
    void sortsMembersDropsWhitespaceAndKeepsArrayOrder() {
        assertThat(canonical("{\"b\": [3, 1, {\"z\": null, \"a\": true}], \"a\": false, \"_type\": \"link\"}"))
                .isEqualTo("{\"_type\":\"link\",\"a\":false,\"b\":[3,1,{\"a\":true,\"z\":null}]}");
    }

    @Test
    void escapesOnlyBackslashAndQuoteAndWritesEverythingElseRaw() {
        // securesystemslib leaves control characters and non-ASCII as they are (unlike RFC 8785)
        assertThat(canonical("{\"k\": \"a\\\\b \\\"q\\\" line\\nbreak tab\\t é 🙂\"}"))
                .isEqualTo("{\"k\":\"a\\\\b \\\"q\\\" line\nbreak tab\t é 🙂\"}");
    }

    @Test
    void sortsByCodePointNotByUtf16Unit() {
        // U+FF61 sorts before U+1F642 by code point, after it by UTF-16 unit (0xFF61 > 0xD83D)
        assertThat(canonical("{\"\uD83D\uDE42\": 1, \"\uFF61\": 2}")).isEqualTo("{\"\uFF61\":2,\"\uD83D\uDE42\":1}");
    }

    @Test
    void integersOfAnySizeAreDecimalAndNonIntegersAreRefused() {
        assertThat(canonical("[0, -7, 123456789012345678901234567890]"))
                .isEqualTo("[0,-7,123456789012345678901234567890]");
        assertThatThrownBy(() -> canonical("{\"n\": 1.5}"))
                .isInstanceOf(InTotoRefusedException.class).hasMessageContaining("non-integers");
    }
}
