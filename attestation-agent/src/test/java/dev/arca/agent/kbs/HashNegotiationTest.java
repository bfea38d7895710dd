package dev.arca.agent.kbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Json;
import org.junit.jupiter.api.Test;

class HashNegotiationTest {

    @Test
    void requestOffersSha256Sha384Sha512() {
        assertThat(Json.write(HashNegotiation.requestExtraParams()))
                .isEqualTo("{\"supported-hash-algorithms\":[\"sha256\",\"sha384\",\"sha512\"]}");
    }

    @Test
    void emptyStringNullOrObjectWithoutSelectionMeansSha384() {
        assertThat(HashNegotiation.select(Json.tree("\"\""))).isEqualTo(HashAlgorithm.SHA384);
        assertThat(HashNegotiation.select(null)).isEqualTo(HashAlgorithm.SHA384);
        assertThat(HashNegotiation.select(Json.tree("{}"))).isEqualTo(HashAlgorithm.SHA384);
    }

    @Test
    void selectionIsHonouredCaseInsensitively() {
        assertThat(HashNegotiation.select(Json.tree("{\"selected-hash-algorithm\":\"SHA512\"}")))
                .isEqualTo(HashAlgorithm.SHA512);
    }

    @Test
    void nonStringOrUnofferedSelectionIsRefused() {
        assertThatThrownBy(() -> HashNegotiation.select(Json.tree("{\"selected-hash-algorithm\":5}")))
                .hasMessageContaining("not a JSON string");
        assertThatThrownBy(() -> HashNegotiation.select(Json.tree("{\"selected-hash-algorithm\":\"sm3\"}")))
                .hasMessageContaining("did not offer");
    }
}
