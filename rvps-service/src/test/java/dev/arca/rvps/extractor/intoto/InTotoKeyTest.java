package dev.arca.rvps.extractor.intoto;

import static dev.arca.rvps.extractor.intoto.InTotoFixtures.DEMO;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.TRUSTEE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.admin.PemKeys;
import dev.arca.model.json.Json;
import dev.arca.model.testing.Corpus;
import dev.arca.model.testing.RealEvidence;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * in-toto keys: ids, schemes, refusals and signatures on keys made here; the nested class checks the ids against the
 * ones the in-toto tooling computed for published keys, when the real-evidence corpus is present.
 */
class InTotoKeyTest {

    private static String publicPem(InTotoFixtures.TestKey key) {
        return key.keyObject().path("keyval").path("public").asString();
    }

    /** The key id by the in-toto rule, computed here by hand: SHA-256 of the canonical JSON of the key object. */
    private static String keyIdByHand(String keyType, String scheme, String publicText) {
        String canonical = "{\"keyid_hash_algorithms\":[\"sha256\",\"sha512\"],\"keytype\":\"" + keyType
                + "\",\"keyval\":{\"public\":\"" + publicText + "\"},\"scheme\":\"" + scheme
                + "\"}";
        return InTotoFixtures.sha256(canonical.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keyIdOfAPemFileIsTheSha256OfTheCanonicalKeyObject() {
        InTotoKey alice = InTotoKey.fromPublicKey(InTotoFixtures.publicKey(publicPem(InTotoFixtures.ALICE)));

        assertThat(alice.keyId()).isEqualTo(keyIdByHand("rsa", InTotoKey.RSASSA_PSS_SHA256,
                publicPem(InTotoFixtures.ALICE)));
        assertThat(alice.keyType()).isEqualTo("rsa");
        assertThat(alice.scheme()).isEqualTo(InTotoKey.RSASSA_PSS_SHA256);
    }

    @Test
    void keyIdDoesNotDependOnHowThePemIsWrapped() {
        String pem = publicPem(InTotoFixtures.BOB);
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        String oneLine = "-----BEGIN PUBLIC KEY-----\r\n" + body + "\r\n-----END PUBLIC KEY-----";

        assertThat(InTotoKey.fromPublicKey(InTotoFixtures.publicKey(oneLine)).keyId())
                .isEqualTo(InTotoFixtures.BOB.keyId());
    }

    @Test
    void layoutKeysAreCheckedAgainstTheirIds() {
        JsonNode keys = InTotoFixtures.layout("2030-01-01T00:00:00Z", false).path("keys");
        assertThat(keys.size()).isEqualTo(2);
        for (Map.Entry<String, JsonNode> entry : keys.properties()) {
            assertThat(InTotoKey.fromMetadata(entry.getKey(), entry.getValue()).keyId()).isEqualTo(entry.getKey());
        }

        String someId = keys.propertyNames().iterator().next();
        JsonNode otherKey = InTotoFixtures.ALICE.keyObject();
        assertThatThrownBy(() -> InTotoKey.fromMetadata(someId, otherKey))
                .isInstanceOf(InTotoRefusedException.class).hasMessageContaining("does not match its key id");
    }

    @Test
    void ed25519KeyIdIsTheSha256OfTheCanonicalKeyObject() {
        String publicHex = InTotoFixtures.DANNY.keyObject().path("keyval").path("public").asString();
        JsonNode danny = Json.tree("{\"keyval\": {\"public\": \"" + publicHex + "\"}, \"keytype\": \"ed25519\","
                + " \"scheme\": \"ed25519\", \"keyid_hash_algorithms\": [\"sha256\", \"sha512\"]}");

        assertThat(InTotoKey.fromMetadata(null, danny).keyId())
                .isEqualTo(keyIdByHand("ed25519", InTotoKey.ED25519, publicHex));
    }

    @Test
    void unsupportedOrWeakKeysAreRefused() {
        ObjectNode dsa = InTotoFixtures.keyObject("dsa", "dsa-sha256", "x");
        assertThatThrownBy(() -> InTotoKey.fromMetadata(null, dsa))
                .isInstanceOf(InTotoRefusedException.class).hasMessageContaining("unsupported scheme");

        KeyPair small = InTotoFixtures.generate("RSA", new RSAKeyGenParameterSpec(1024, RSAKeyGenParameterSpec.F4));
        ObjectNode weak = InTotoFixtures.keyObject("rsa", InTotoKey.RSASSA_PSS_SHA256,
                PemKeys.toPem(small.getPublic()).strip());
        assertThatThrownBy(() -> InTotoKey.fromMetadata(null, weak))
                .isInstanceOf(InTotoRefusedException.class).hasMessageContaining("at least 2048");

        ObjectNode mismatched = InTotoFixtures.keyObject("rsa", InTotoKey.ED25519, publicPem(InTotoFixtures.BOB));
        assertThatThrownBy(() -> InTotoKey.fromMetadata(null, mismatched))
                .isInstanceOf(InTotoRefusedException.class).hasMessageContaining("must use rsassa-pss-sha256");
    }

    @Test
    void verifiesOnlyItsOwnSignatures() {
        InTotoFixtures.TestKey bob = InTotoFixtures.BOB;
        InTotoKey bobKey = InTotoKey.fromMetadata(bob.keyId(), bob.keyObject());
        byte[] data = "data".getBytes(StandardCharsets.UTF_8);
        byte[] signature = InTotoFixtures.sign(bob, data);

        assertThat(bobKey.verifies(data, signature)).isTrue();
        assertThat(bobKey.verifies("other".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(bobKey.verifies(data, new byte[3])).isFalse();
        assertThat(bobKey.verifies(data, InTotoFixtures.sign(InTotoFixtures.CARL, data))).isFalse();
    }

    /** Key ids of published keys, as the in-toto tooling computed them. */
    @Nested
    @RealEvidence
    class OfPublishedKeys {

        @Test
        void keyIdOfAPemFileIsTheOneTheInTotoToolingComputed() {
            InTotoKey alice = InTotoKey.fromPublicKey(InTotoFixtures.publicKey(Corpus.text(TRUSTEE
                    + "alice.pub")));

            // Trustee's demo layout's signature names this key id
            assertThat(alice.keyId()).isEqualTo("70ca5750c2eda80b18f41f4ec5f92146789b5d68dd09577be422a0159bd13680");
        }

        @Test
        void keyIdDoesNotDependOnHowThePemIsWrapped() {
            String pem = Corpus.text(DEMO + "bob.pub");
            String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            String oneLine = "-----BEGIN PUBLIC KEY-----\r\n" + body + "\r\n-----END PUBLIC KEY-----";

            assertThat(InTotoKey.fromPublicKey(InTotoFixtures.publicKey(oneLine)).keyId())
                    .isEqualTo("776a00e29f3559e0141b3b096f696abc6cfb0c657ab40f441132b345b08453f5");
        }

        @Test
        void layoutKeysOfTheToolingsLayoutMatchTheirIds() {
            JsonNode keys = Json.tree(Corpus.text(TRUSTEE + "demo.layout")).path("signed").path("keys");
            for (Map.Entry<String, JsonNode> entry : keys.properties()) {
                assertThat(InTotoKey.fromMetadata(entry.getKey(), entry.getValue()).keyId())
                        .isEqualTo(entry.getKey());
            }
        }

        @Test
        void ed25519KeyIdMatchesTheTooling() {
            JsonNode danny = Json.tree(Corpus.text(DEMO + "danny.pub"));

            assertThat(InTotoKey.fromMetadata(null, danny).keyId())
                    .isEqualTo("36a5529f72cf3b1cc096a28887350969212f9d6c46529658ab186fc0cb781699");
        }
    }
}
