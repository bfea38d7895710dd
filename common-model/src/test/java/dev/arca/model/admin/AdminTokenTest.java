package dev.arca.model.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AdminTokenTest {

    static final Clock NOW = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    static KeyPair keyPair(String kind) throws Exception {
        return switch (kind) {
            case "EC" -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
                yield g.generateKeyPair();
            }
            case "RSA" -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                yield g.generateKeyPair();
            }
            default -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"EC", "RSA", "Ed25519"})
    void tokenSignedByATrustedKeyVerifiesThroughPem(String kind) throws Exception {
        KeyPair pair = keyPair(kind);
        // round-trip both keys through PEM, as the CLI and the services exchange them
        var privateKey = PemKeys.parsePrivateKey(PemKeys.toPem(pair.getPrivate()));
        var publicKey = PemKeys.parsePublicKeys(PemKeys.toPem(pair.getPublic())).getFirst();
        String token = new AdminTokenSigner(privateKey, publicKey, NOW).sign("ops", "admin", Duration.ofMinutes(5));

        AdminIdentity identity = new AdminTokenVerifier(List.of(publicKey), Duration.ofSeconds(60), NOW)
                .verify("Bearer " + token);
        assertThat(identity).isEqualTo(new AdminIdentity("ops", "admin"));
    }

    @Test
    void rejectsUntrustedKeyExpiredTokenMissingRoleAndBadHeaders() throws Exception {
        KeyPair trusted = keyPair("EC");
        KeyPair other = keyPair("EC");
        AdminTokenVerifier verifier = new AdminTokenVerifier(List.of(trusted.getPublic()), Duration.ofSeconds(60), NOW);

        String foreign = new AdminTokenSigner(other.getPrivate(), other.getPublic(), NOW)
                .sign("x", "admin", Duration.ofMinutes(5));
        assertThatThrownBy(() -> verifier.verify("Bearer " + foreign)).hasMessageContaining("Cannot verify");

        Clock past = Clock.offset(NOW, Duration.ofMinutes(-10));
        String expired = new AdminTokenSigner(trusted.getPrivate(), trusted.getPublic(), past)
                .sign("x", "admin", Duration.ofMinutes(5));
        assertThatThrownBy(() -> verifier.verify("Bearer " + expired)).hasMessageContaining("expired");

        String noRole = new AdminTokenSigner(trusted.getPrivate(), trusted.getPublic(), NOW)
                .sign("x", " ", Duration.ofMinutes(5));
        assertThatThrownBy(() -> verifier.verify("Bearer " + noRole)).hasMessageContaining("role");

        assertThatThrownBy(() -> verifier.verify(null)).hasMessageContaining("Bearer");
        assertThatThrownBy(() -> verifier.verify("Basic abc")).hasMessageContaining("Bearer");
        assertThatThrownBy(() -> verifier.verify("Bearer not.a.jwt")).isInstanceOf(AdminAuthException.class);
    }
}
