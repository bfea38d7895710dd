package dev.arca.attestation.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import dev.arca.attestation.support.AttestationServiceTestBase;
import dev.arca.attestation.support.TestCertificates;
import dev.arca.model.admin.PemKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.List;
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

    @Test
    void aCertificateChainMustStartWithTheKeysOwnCertificateAndBeInOrder() throws Exception {
        KeyPair tokenKey = AttestationServiceTestBase.p256();
        TokenSigningKey key = TokenSigningKey.of(tokenKey);
        TestCertificates.Chain chain = TestCertificates.issue(tokenKey);
        Path good = Files.writeString(dir.resolve("chain.pem"), chain.pem());
        Path reversed = Files.writeString(dir.resolve("reversed.pem"),
                TestCertificates.pem(chain.root()) + TestCertificates.pem(chain.chain().getFirst()));
        Path otherKey = Files.writeString(dir.resolve("other.pem"),
                TestCertificates.pem(TestCertificates.selfSigned(AttestationServiceTestBase.p256(), "CN=other")));
        Path notPem = Files.writeString(dir.resolve("garbage.pem"), "hello");

        TokenSigningKey certified = TokenSigningKeyConfiguration.withChain(key, good);

        assertThat(certified.certificateChain()).isEqualTo(chain.chain());
        assertThat(certified.publicJwk().getX509CertChain()).hasSize(2);
        assertThat(certified.keyId()).as("the thumbprint ignores x5c").isEqualTo(key.keyId());
        assertThatThrownBy(() -> TokenSigningKeyConfiguration.withChain(key, reversed))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not for the token signing key");
        assertThatThrownBy(() -> TokenSigningKeyConfiguration.withChain(key, otherKey))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not for the token signing key");
        assertThatThrownBy(() -> TokenSigningKeyConfiguration.withChain(key, notPem))
                .isInstanceOf(IllegalArgumentException.class);
        List<X509Certificate> unordered = List.of(chain.chain().getFirst(),
                TestCertificates.selfSigned(AttestationServiceTestBase.p256(), "CN=unrelated"));
        assertThatThrownBy(() -> key.withCertificateChain(unordered))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not issued by certificate 1");
    }
}
