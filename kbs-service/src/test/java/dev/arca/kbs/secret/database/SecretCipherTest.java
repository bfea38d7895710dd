package dev.arca.kbs.secret.database;

import dev.arca.model.resource.ResourcePath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    static final ResourcePath KEY = ResourcePath.parse("default/key/one");
    static final ResourcePath OTHER = ResourcePath.parse("default/key/two");

    @TempDir
    Path dir;

    @Test
    void sealsAndOpensUnderTheSamePath() throws Exception {
        SecretCipher cipher = new SecretCipher(KeyEncryptionKey.load(dir.resolve("kek"), true));
        byte[] secret = "top secret".getBytes(StandardCharsets.UTF_8);
        SecretCipher.Sealed sealed = cipher.seal(KEY, secret);
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("top secret");
        assertThat(sealed.ciphertext()).hasSize(secret.length + 16);
        assertThat(cipher.open(KEY, sealed)).isEqualTo(secret);
        assertThat(cipher.seal(KEY, secret).nonce()).isNotEqualTo(sealed.nonce());
    }

    @Test
    void aCiphertextMovedToAnotherPathOrAlteredDoesNotOpen() throws Exception {
        SecretCipher cipher = new SecretCipher(KeyEncryptionKey.load(dir.resolve("kek"), true));
        SecretCipher.Sealed sealed = cipher.seal(KEY, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> cipher.open(OTHER, sealed)).isInstanceOf(IllegalStateException.class);
        byte[] flipped = sealed.ciphertext().clone();
        flipped[0] ^= 1;
        assertThatThrownBy(() -> cipher.open(KEY, new SecretCipher.Sealed(flipped, sealed.nonce(), sealed.keyId())))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anotherKekIsReportedByItsId() throws Exception {
        SecretCipher first = new SecretCipher(KeyEncryptionKey.load(dir.resolve("a"), true));
        SecretCipher second = new SecretCipher(KeyEncryptionKey.load(dir.resolve("b"), true));
        SecretCipher.Sealed sealed = first.seal(KEY, new byte[] {1});
        assertThatThrownBy(() -> second.open(KEY, sealed)).hasMessageContaining("encrypted under KEK");
    }

    @Test
    void aGeneratedKekIsOwnerOnlyAndStable() throws Exception {
        Path file = dir.resolve("sub/kek");
        KeyEncryptionKey generated = KeyEncryptionKey.load(file, true);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(KeyEncryptionKey.load(file, true).id()).isEqualTo(generated.id());
        assertThat(KeyEncryptionKey.load(file, false).id()).isEqualTo(generated.id());
    }

    @Test
    void aConfiguredKekMustExistAndBeA256BitKey() throws Exception {
        assertThatThrownBy(() -> KeyEncryptionKey.load(dir.resolve("missing"), false))
                .hasMessageContaining("does not exist");
        Path shortKey = Files.writeString(dir.resolve("short"), "AAAA");
        assertThatThrownBy(() -> KeyEncryptionKey.load(shortKey, false)).hasMessageContaining("32 bytes");
        Path notBase64 = Files.writeString(dir.resolve("junk"), "not base64 !");
        assertThatThrownBy(() -> KeyEncryptionKey.load(notBase64, false)).hasMessageContaining("base64");
    }
}
