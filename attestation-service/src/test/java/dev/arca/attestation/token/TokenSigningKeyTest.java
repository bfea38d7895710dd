package dev.arca.attestation.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import dev.arca.model.admin.PemKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSigningKeyTest {

    @TempDir
    Path dir;

    @Test
    void aGeneratedKeyIsReusedAfterARestart() throws Exception {
        Path file = dir.resolve("keys").resolve(TokenSigningKeyConfiguration.GENERATED_KEY_FILE);
        TokenSigningKeyConfiguration.generate(file);

        TokenSigningKey first = TokenSigningKeyConfiguration.read(file);
        TokenSigningKey second = TokenSigningKeyConfiguration.read(file);

        assertThat(second.keyId()).isEqualTo(first.keyId());
        assertThat(second.publicJwk()).isEqualTo(first.publicJwk());
        assertThat(first.keyId()).isEqualTo(first.publicJwk().computeThumbprint().toString());
        assertThat(first.publicJwk().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(first.publicJwk().isPrivate()).isFalse();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void thePublicKeyIsDerivedFromAPkcs8PrivateKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        var pair = generator.generateKeyPair();
        Path file = dir.resolve("configured.pem");
        Files.writeString(file, PemKeys.toPem(pair.getPrivate()));

        TokenSigningKey key = TokenSigningKeyConfiguration.read(file);

        assertThat(key.publicJwk().toECPublicKey().getW()).isEqualTo(
                ((java.security.interfaces.ECPublicKey) pair.getPublic()).getW());
    }

    @Test
    void onlyP256KeysAreAccepted() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        Path file = dir.resolve("p384.pem");
        Files.writeString(file, PemKeys.toPem(generator.generateKeyPair().getPrivate()));

        assertThatThrownBy(() -> TokenSigningKeyConfiguration.read(file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("P-256");
    }
}
