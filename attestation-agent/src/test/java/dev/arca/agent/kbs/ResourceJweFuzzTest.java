package dev.arca.agent.kbs;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.JweResponse;

/**
 * Fuzzes the resource JWE a KBS answers with, as the agent reads it (docs/fuzzing.md): the flattened JWE of protocol
 * 0.2.0+ (ECDH-ES+A256KW or RSA-OAEP-256 with A256GCM) and the legacy 0.1.x layout (raw JSON protected header,
 * RSA1_5). A body that is JSON is either decrypted or refused with a {@link JweDecryptionException}; anything else that
 * escapes is a finding. A body that is not a JweResponse object is refused before, by {@code KbsClient}.
 */
class ResourceJweFuzzTest {

    private static final ResourceDecryptor EC = new ResourceDecryptor(TeeKeyPair.generate(TeeKeyAlgorithm.P256));
    private static final TeeKeyPair RSA_KEY = TeeKeyPair.generate(TeeKeyAlgorithm.RSA1_5);
    private static final ResourceDecryptor RSA = new ResourceDecryptor(RSA_KEY);
    private static final ResourceDecryptor LEGACY = new ResourceDecryptor(RSA_KEY, true);

    @FuzzTest
    void resourceJwe(byte[] body) {
        JweResponse jwe;
        try {
            jwe = Json.read(body, JweResponse.class);
        } catch (RuntimeException notAJweObject) {
            return;
        }
        for (ResourceDecryptor decryptor : new ResourceDecryptor[] {EC, RSA, LEGACY}) {
            try {
                decryptor.decrypt(jwe);
            } catch (JweDecryptionException refused) {
                // typed refusal
            }
        }
    }
}
