package dev.arca.attestation.rvps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Configured reference values (RIM files) add to the RVPS's; the RVPS still answers, or fails, for every name. */
class CombinedReferenceValuesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ReferenceValueSource rvps(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name)).map(JSON::readTree);
    }

    private static ConfiguredReferenceValues configured(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name)).map(JSON::readTree);
    }

    @Test
    void aNameBothKnowGetsTheUnionAndOtherNamesPassThrough() {
        CombinedReferenceValues combined = new CombinedReferenceValues(
                rvps(Map.of("m_1", "[\"a\", \"b\"]", "only_rvps", "\"x\"", "scalar", "\"s\"")),
                List.of(configured(Map.of("m_1", "[\"b\", \"c\"]", "only_rim", "[\"r\"]", "scalar", "[\"t\"]"))));

        assertThat(combined.find("m_1").map(JsonNode::toString)).contains("[\"b\",\"c\",\"a\"]");
        assertThat(combined.find("only_rvps").map(JsonNode::toString)).contains("\"x\"");
        assertThat(combined.find("only_rim").map(JsonNode::toString)).contains("[\"r\"]");
        assertThat(combined.find("scalar").map(JsonNode::toString)).contains("[\"t\",\"s\"]");
        assertThat(combined.find("absent")).isEmpty();
    }

    @Test
    void anRvpsFailureIsNotHiddenByConfiguredValues() {
        CombinedReferenceValues combined = new CombinedReferenceValues(name -> {
            throw new RvpsUnavailableException("down");
        }, List.of(configured(Map.of("m_1", "[\"a\"]"))));
        assertThrows(RvpsUnavailableException.class, () -> combined.find("m_1"));
    }
}
