package dev.arca.agent.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.admin.PemKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layer cipher against the real skopeo (ocicrypt's AES-256-CTR + HMAC-SHA256, the {@code pubopts} annotation,
 * the {@code jwe:} key wrapper): what skopeo encrypts Arca decrypts, and what Arca encrypts skopeo decrypts.
 */
class SkopeoInteropTest {

    @TempDir
    Path dir;

    private static KeyPair rsa;

    @BeforeAll
    static void keys() throws Exception {
        Skopeo.require();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa = generator.generateKeyPair();
    }

    private Path pem(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void layersSkopeoEncryptsDecryptWithArca() throws Exception {
        OciLayout plain = OciLayout.create(dir.resolve("plain"));
        List<byte[]> original = TestImages.write(plain, "v1", 3000, 70_000);
        Path pub = pem("pub.pem", PemKeys.toPem(rsa.getPublic()));

        Skopeo.copy("--encryption-key", "jwe:" + pub, "oci:" + plain.dir() + ":v1", "oci:" + dir.resolve("enc") + ":v1");
        OciLayout encrypted = OciLayout.open(dir.resolve("enc"));
        assertThat(TestImages.mediaTypes(encrypted, "v1")).allMatch(type -> type.endsWith("+encrypted"));

        OciLayout decrypted = OciLayout.create(dir.resolve("dec"));
        ImageCrypt.decrypt(encrypted, "v1", decrypted, "v1", List.of(JweRecipients.unwrapperFor(rsa.getPrivate())));
        assertThat(TestImages.layers(decrypted, "v1")).containsExactlyElementsOf(original);
        assertThat(TestImages.mediaTypes(decrypted, "v1")).containsOnly("application/vnd.oci.image.layer.v1.tar+gzip");

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair stranger = generator.generateKeyPair();
        assertThatThrownBy(() -> ImageCrypt.decrypt(encrypted, "v1", OciLayout.create(dir.resolve("no")), "v1",
                List.of(JweRecipients.unwrapperFor(stranger.getPrivate())))).hasMessageContaining("not a recipient");
    }

    @Test
    void layersArcaEncryptsDecryptWithSkopeo() throws Exception {
        OciLayout plain = OciLayout.create(dir.resolve("plain"));
        List<byte[]> original = TestImages.write(plain, "v1", 5000, 1);
        OciLayout encrypted = OciLayout.create(dir.resolve("enc"));
        ImageCrypt.encrypt(plain, "v1", encrypted, "v1", List.of(JweRecipients.wrapperFor(rsa.getPublic())));
        assertThat(TestImages.layers(encrypted, "v1")).doesNotContainAnyElementsOf(original);

        Path key = pem("priv.pem", PemKeys.toPem(rsa.getPrivate()));
        Skopeo.copy("--decryption-key", key.toString(), "oci:" + encrypted.dir() + ":v1",
                "oci:" + dir.resolve("dec") + ":v1");
        OciLayout decrypted = OciLayout.open(dir.resolve("dec"));
        assertThat(TestImages.layers(decrypted, "v1")).containsExactlyElementsOf(original);
        assertThat(TestImages.mediaTypes(decrypted, "v1")).containsOnly("application/vnd.oci.image.layer.v1.tar+gzip");
    }
}
