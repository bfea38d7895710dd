package dev.arca.rvps.extractor.intoto;

import static dev.arca.rvps.extractor.intoto.InTotoFixtures.DEMO;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.TRUSTEE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.admin.PemKeys;
import dev.arca.model.json.Json;
import dev.arca.rvps.TestVectors;
import java.security.KeyPair;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class InTotoKeyTest {

    @Test
    void keyIdOfAPemFileIsTheOneTheInTotoToolingComputed() {
        InTotoKey alice = InTotoKey.fromPublicKey(InTotoFixtures.publicKey(TestVectors.text(TRUSTEE + "alice.pub")));

        // the trustee layout's signature names this key id (vectors/in-toto/trustee/demo.layout)
        assertThat(alice.keyId()).isEqualTo("70ca5750c2eda80b18f41f4ec5f92146789b5d68dd09577be422a0159bd13680");
        assertThat(alice.keyType()).isEqualTo("rsa");
        assertThat(alice.scheme()).isEqualTo(InTotoKey.RSASSA_PSS_SHA256);
    }

    @Test
    void keyIdDoesNotDependOnHowThePemIsWrapped() {
        String pem = TestVectors.text(DEMO + "bob.pub");
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        String oneLine = "-----BEGIN PUBLIC KEY-----\r\n" + body + "\r\n-----END PUBLIC KEY-----";

        assertThat(InTotoKey.fromPublicKey(InTotoFixtures.publicKey(oneLine)).keyId())
                .isEqualTo("776a00e29f3559e0141b3b096f696abc6cfb0c657ab40f441132b345b08453f5");
    }

    @Test
    void layoutKeysAreCheckedAgainstTheirIds() {
        JsonNode keys = Json.tree(TestVectors.text(TRUSTEE + "demo.layout")).path("signed").path("keys");
        for (Map.Entry<String, JsonNode> entry : keys.properties()) {
            assertThat(InTotoKey.fromMetadata(entry.getKey(), entry.getValue()).keyId()).isEqualTo(entry.getKey());
        }

        String someId = keys.propertyNames().iterator().next();
        JsonNode otherKey = InTotoFixtures.demoRsa("carl").keyObject();
        assertThatThrownBy(() -> InTotoKey.fromMetadata(someId, otherKey))
                .isInstanceOf(InTotoRefusedException.class).hasMessageContaining("does not match its key id");
    }

    @Test
    void ed25519KeyIdMatchesTheTooling() {
        JsonNode danny = Json.tree(TestVectors.text(DEMO + "danny.pub"));

        assertThat(InTotoKey.fromMetadata(null, danny).keyId())
                .isEqualTo("36a5529f72cf3b1cc096a28887350969212f9d6c46529658ab186fc0cb781699");
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

        ObjectNode mismatched = InTotoFixtures.keyObject("rsa", InTotoKey.ED25519,
                TestVectors.text(DEMO + "bob.pub").strip());
        assertThatThrownBy(() -> InTotoKey.fromMetadata(null, mismatched))
                .isInstanceOf(InTotoRefusedException.class).hasMessageContaining("must use rsassa-pss-sha256");
    }

    @Test
    void verifiesOnlyItsOwnSignatures() {
        InTotoFixtures.TestKey bob = InTotoFixtures.demoRsa("bob");
        InTotoKey bobKey = InTotoKey.fromMetadata(bob.keyId(), bob.keyObject());
        byte[] data = "data".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] signature = InTotoFixtures.sign(bob, data);

        assertThat(bobKey.verifies(data, signature)).isTrue();
        assertThat(bobKey.verifies("other".getBytes(java.nio.charset.StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(bobKey.verifies(data, new byte[3])).isFalse();
        InTotoFixtures.TestKey carl = InTotoFixtures.demoRsa("carl");
        assertThat(bobKey.verifies(data, InTotoFixtures.sign(carl, data))).isFalse();
    }
}
