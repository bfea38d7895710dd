package dev.arca.model.kbs;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.model.json.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Fuzzes the tee-pubkey JWK a guest sends in its runtime data (docs/fuzzing.md): a JSON value is either a usable key
 * (RSA ≥ 2048 bits, or a point on P-256/P-521) or refused with an {@link IllegalArgumentException}, which the KBS
 * answers as a 400. Anything else that escapes is a finding.
 */
class TeePublicKeyFuzzTest {

    @FuzzTest
    void teePubkey(byte[] json) {
        JsonNode jwk;
        try {
            jwk = Json.MAPPER.readTree(json);
        } catch (JacksonException notJson) {
            return;
        }
        try {
            TeePublicKey.parse(jwk);
        } catch (IllegalArgumentException refused) {
            // typed refusal
        }
    }
}
