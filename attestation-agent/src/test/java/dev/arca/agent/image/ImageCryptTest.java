package dev.arca.agent.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image encryption and decryption in OCI layouts with Arca's own code: recipients, tampering, wrong keys. */
class ImageCryptTest {

    @TempDir
    Path dir;

    private static KeyPair rsa;
    private static KeyPair ec;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa = generator.generateKeyPair();
        KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
        ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
        ec = ecGenerator.generateKeyPair();
    }

    @Test
    void eachRecipientDecryptsTheSameLayers() throws Exception {
        OciLayout plain = OciLayout.create(dir.resolve("plain"));
        List<byte[]> original = TestImages.write(plain, "v1", 10_000, 0, 70_001);
        OciLayout encrypted = OciLayout.create(dir.resolve("enc"));
        ImageCrypt.encrypt(plain, "v1", encrypted, "enc", List.of(JweRecipients.wrapperFor(rsa.getPublic()),
                JweRecipients.wrapperFor(ec.getPublic())));
        var layer = encrypted.manifest("enc").withArray("layers").get(0);
        String jwe = layer.path("annotations").path(JweRecipients.ANNOTATION).asString();
        assertThat(jwe.split(",")).hasSize(2);
        String pubopts = new String(Base64.getDecoder().decode(
                layer.path("annotations").path(ImageCrypt.PUBOPTS).asString()));
        assertThat(pubopts).startsWith("{\"cipher\":\"AES_256_CTR_HMAC_SHA256\",\"hmac\":\"");

        for (KeyPair recipient : List.of(rsa, ec)) {
            OciLayout out = OciLayout.create(dir.resolve("dec-" + recipient.getPublic().getAlgorithm()));
            ImageCrypt.decrypt(encrypted, "enc", out, "v1", List.of(JweRecipients.unwrapperFor(recipient.getPrivate())));
            assertThat(TestImages.layers(out, "v1")).containsExactlyElementsOf(original);
            assertThat(out.manifest("v1").path("config")).isEqualTo(plain.manifest("v1").path("config"));
        }
        assertThatThrownBy(() -> ImageCrypt.encrypt(encrypted, "enc", OciLayout.create(dir.resolve("twice")), "v1",
                List.of(JweRecipients.wrapperFor(rsa.getPublic())))).hasMessageContaining("already encrypted");
    }

    @Test
    void aTamperedLayerIsRefusedBeforeAnyPlaintext() throws Exception {
        OciLayout plain = OciLayout.create(dir.resolve("plain"));
        TestImages.write(plain, "v1", 4000);
        OciLayout encrypted = OciLayout.create(dir.resolve("enc"));
        var result = ImageCrypt.encrypt(plain, "v1", encrypted, "v1",
                List.of(JweRecipients.wrapperFor(rsa.getPublic())));
        Path blob = encrypted.blob(result.getFirst().digestAfter());
        byte[] bytes = Files.readAllBytes(blob);
        bytes[100] ^= 1;
        Files.write(blob, bytes);
        OciLayout target = OciLayout.create(dir.resolve("dec"));
        assertThatThrownBy(() -> ImageCrypt.decrypt(encrypted, "v1", target, "v1",
                List.of(JweRecipients.unwrapperFor(rsa.getPrivate())))).hasMessageContaining("HMAC does not match");
        // nothing of the layer was written, and no image is named in the destination
        try (var blobs = Files.list(target.blob(result.getFirst().digestBefore()).getParent())) {
            assertThat(blobs).isEmpty();
        }
        assertThatThrownBy(() -> target.manifest("v1")).hasMessageContaining("no image named 'v1'");
    }
}
