package dev.arca.model.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where admin keys come from and which algorithms each allows. Verifying tokens against them is service-support's
 * {@code JwtDecoders} (tested there, with a JWKS served over HTTP).
 */
class AdminKeySourceTest {

    static final Clock NOW = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void pemFilesYieldEveryKeyWhateverTheKidAndPinTheirAlgorithms() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        Path file = Files.writeString(dir.resolve("admin.pem"), PemKeys.toPem(ec.generateKeyPair().getPublic())
                + PemKeys.toPem(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic()));

        AdminKeySource source = AdminKeySource.fromConfiguration(List.of(file), null, NOW);

        assertThat(source.isEmpty()).isFalse();
        assertThat(source.keysFor(null)).extracting(VerificationKey::algorithms)
                .containsExactly(Set.of(JWSAlgorithm.ES256), Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519));
        assertThat(source.keysFor("any-kid")).hasSize(2);
    }

    @Test
    void aJwkSetYieldsOnlyTheKeyTheKidNamesAndRefetchesAtMostOncePerInterval() throws Exception {
        OctetKeyPair k1 = new OctetKeyPairGenerator(Curve.Ed25519).keyID("k1").generate().toPublicJWK();
        OctetKeyPair k2 = new OctetKeyPairGenerator(Curve.Ed25519).keyID("k2").generate().toPublicJWK();
        AtomicInteger fetches = new AtomicInteger();
        JwkSetCache cache = new JwkSetCache("test set", () -> {
            fetches.incrementAndGet();
            return new JWKSet(List.of(k1, k2)).toString();
        }, NOW, Duration.ofSeconds(30));
        AdminKeySource source = AdminKeySource.jwks(cache);

        assertThat(source.keysFor("k1")).singleElement().extracting(VerificationKey::algorithms)
                .isEqualTo(Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519));
        assertThat(source.keysFor(null)).isEmpty();
        assertThat(source.keysFor("made-up")).isEmpty();
        assertThat(source.keysFor("made-up-too")).isEmpty();
        assertThat(fetches).hasValue(1);
        assertThat(source.isEmpty()).isFalse();
    }

    @Test
    void noKeyConfiguredIsEmptyAndOnlyHttpJwksUrlsAreAccepted() {
        assertThat(AdminKeySource.fromConfiguration(List.of(), null, NOW).isEmpty()).isTrue();
        assertThat(AdminKeySource.fromConfiguration(List.of(), URI.create("http://127.0.0.1:1/jwks"), NOW).isEmpty())
                .isFalse();
        assertThatThrownBy(() -> AdminKeySource.jwksUrl(URI.create("ftp://x/jwks"), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdminKeySource.fromConfiguration(List.of(dir.resolve("missing.pem")), null, NOW))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("missing.pem");
    }
}
