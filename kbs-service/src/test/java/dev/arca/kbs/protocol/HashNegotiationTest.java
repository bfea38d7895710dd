package dev.arca.kbs.protocol;

import dev.arca.kbs.error.KbsException;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HashNegotiationTest {

    static HashNegotiation.Outcome negotiate(String extraParams) {
        return HashNegotiation.negotiate(extraParams == null ? null : Json.tree(extraParams));
    }

    @Test
    void withoutAListTheAnswerIsEmptyAndSha384() {
        for (String none : new String[] {null, "\"\"", "{}", "null", "{\"supported-hash-algorithms\":null}"}) {
            HashNegotiation.Outcome outcome = negotiate(none);
            assertThat(outcome.algorithm()).isEqualTo(HashAlgorithm.SHA384);
            assertThat(Json.write(outcome.extraParams())).isEqualTo("\"\"");
        }
    }

    @Test
    void sha384IsPreferredThenSha512ThenSha256() {
        assertThat(negotiate("{\"supported-hash-algorithms\":[\"sha256\",\"sha384\",\"sha512\",\"sm3\"]}").algorithm())
                .isEqualTo(HashAlgorithm.SHA384);
        HashNegotiation.Outcome sha512 = negotiate("{\"supported-hash-algorithms\":[\"SHA512\",\"sha256\"]}");
        assertThat(sha512.algorithm()).isEqualTo(HashAlgorithm.SHA512);
        assertThat(Json.write(sha512.extraParams())).isEqualTo("{\"selected-hash-algorithm\":\"sha512\"}");
        assertThat(negotiate("{\"supported-hash-algorithms\":[\"sm3\",\"sha256\"]}").algorithm())
                .isEqualTo(HashAlgorithm.SHA256);
    }

    @Test
    void anUnsatisfiableOrMalformedListIsRefused() {
        for (String bad : new String[] {"{\"supported-hash-algorithms\":[\"sm3\"]}",
                "{\"supported-hash-algorithms\":[]}", "{\"supported-hash-algorithms\":\"sha384\"}",
                "{\"supported-hash-algorithms\":[384]}"}) {
            assertThatThrownBy(() -> negotiate(bad)).isInstanceOfSatisfying(KbsException.class,
                    e -> assertThat(e.status()).isEqualTo(400));
        }
    }
}
