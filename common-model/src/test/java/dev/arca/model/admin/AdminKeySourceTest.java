package dev.arca.model.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared admin JWT scheme: EdDSA header alg, issuer/audience, and keys from a JWKS URL served over real HTTP. */
class AdminKeySourceTest {

    static final Clock NOW = AdminTokenTest.NOW;

    private HttpServer server;
    private final AtomicReference<String> served = new AtomicReference<>("{\"keys\":[]}");
    private final AtomicInteger fetches = new AtomicInteger();

    @BeforeEach
    void startJwksServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static String token(KeyPair pair, JWSAlgorithm alg, String kid, String issuer, String audience)
            throws Exception {
        Instant now = NOW.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject("ops").claim("role", "admin")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
        if (issuer != null) {
            claims.issuer(issuer);
        }
        if (audience != null) {
            claims.audience(audience);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims.build());
        jwt.sign(AdminJwk.signer(pair.getPrivate(), pair.getPublic()));
        return "Bearer " + jwt.serialize();
    }

    static OctetKeyPair publicJwk(KeyPair pair, String kid) {
        byte[] spki = pair.getPublic().getEncoded();
        return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(Arrays.copyOfRange(spki, spki.length - 32,
                spki.length))).keyID(kid).build();
    }

    @Test
    void ed25519KeyAcceptsBothEdDsaAndEd25519HeaderAlgorithms() throws Exception {
        KeyPair pair = AdminTokenTest.keyPair("Ed25519");
        AdminTokenVerifier verifier = new AdminTokenVerifier(List.of(pair.getPublic()), Duration.ofSeconds(60), NOW);

        assertThat(verifier.verify(token(pair, JWSAlgorithm.EdDSA, null, null, null)))
                .isEqualTo(new AdminIdentity("ops", "admin"));
        assertThat(verifier.verify(token(pair, JWSAlgorithm.Ed25519, null, null, null)).role()).isEqualTo("admin");
    }

    @Test
    void issuerAndAudienceAreCheckedWhenConfigured() throws Exception {
        KeyPair pair = AdminTokenTest.keyPair("Ed25519");
        AdminTokenVerifier verifier = new AdminTokenVerifier(AdminKeySource.staticKeys(List.of(pair.getPublic())),
                "https://idp.example", "arca", Duration.ofSeconds(60), NOW);

        assertThat(verifier.verify(token(pair, JWSAlgorithm.EdDSA, null, "https://idp.example", "arca")).subject())
                .isEqualTo("ops");
        assertThatThrownBy(() -> verifier.verify(token(pair, JWSAlgorithm.EdDSA, null, "https://evil", "arca")))
                .isInstanceOf(AdminAuthException.class).hasMessageContaining("issuer");
        assertThatThrownBy(() -> verifier.verify(token(pair, JWSAlgorithm.EdDSA, null, "https://idp.example", null)))
                .isInstanceOf(AdminAuthException.class).hasMessageContaining("audience");
    }

    @Test
    void jwksUrlKeyIsFoundByKidAndRefetchedAtMostOncePerInterval() throws Exception {
        KeyPair first = AdminTokenTest.keyPair("Ed25519");
        KeyPair rotated = AdminTokenTest.keyPair("Ed25519");
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
        MutableClock clock = new MutableClock(NOW.instant());
        served.set(new JWKSet(publicJwk(first, "k1")).toString());
        AdminTokenVerifier verifier = new AdminTokenVerifier(AdminKeySource.jwksUrl(url, Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofSeconds(30), clock), null, null, Duration.ofSeconds(60), clock);

        assertThat(verifier.verify(token(first, JWSAlgorithm.EdDSA, "k1", null, null)).role()).isEqualTo("admin");
        assertThat(verifier.verify(token(first, JWSAlgorithm.EdDSA, "k1", null, null)).role()).isEqualTo("admin");
        assertThat(fetches).hasValue(1);

        // the issuer rotates: an unknown kid reloads, but not again within the interval
        served.set(new JWKSet(List.of(publicJwk(first, "k1"), publicJwk(rotated, "k2"))).toString());
        assertThatThrownBy(() -> verifier.verify(token(rotated, JWSAlgorithm.EdDSA, "k2", null, null)))
                .isInstanceOf(AdminAuthException.class);
        assertThat(fetches).hasValue(1);
        clock.advance(Duration.ofSeconds(31));
        assertThat(verifier.verify(token(rotated, JWSAlgorithm.EdDSA, "k2", null, null)).role()).isEqualTo("admin");
        assertThat(fetches).hasValue(2);
        assertThatThrownBy(() -> verifier.verify(token(rotated, JWSAlgorithm.EdDSA, "made-up", null, null)))
                .isInstanceOf(AdminAuthException.class);
        assertThat(fetches).hasValue(2);

        // a key signing under another key's kid, and a token with no kid, verify nothing
        assertThatThrownBy(() -> verifier.verify(token(rotated, JWSAlgorithm.EdDSA, "k1", null, null)))
                .isInstanceOf(AdminAuthException.class);
        assertThatThrownBy(() -> verifier.verify(token(first, JWSAlgorithm.EdDSA, null, null, null)))
                .isInstanceOf(AdminAuthException.class);
    }

    @Test
    void unreachableJwksFailsClosedAndConfigurationNeedsSomeKey() throws Exception {
        KeyPair pair = AdminTokenTest.keyPair("Ed25519");
        server.stop(0);
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
        AdminTokenVerifier verifier = new AdminTokenVerifier(
                AdminKeySource.fromConfiguration(List.of(), url, NOW), null, null, Duration.ofSeconds(60), NOW);
        assertThatThrownBy(() -> verifier.verify(token(pair, JWSAlgorithm.EdDSA, "k1", null, null)))
                .isInstanceOf(AdminAuthException.class).hasMessageContaining("Cannot verify");

        assertThat(AdminKeySource.fromConfiguration(List.of(), null, NOW).isEmpty()).isTrue();
        assertThatThrownBy(() -> new AdminTokenVerifier(AdminKeySource.fromConfiguration(List.of(), null, NOW), null,
                null, Duration.ofSeconds(60), NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdminKeySource.jwksUrl(URI.create("ftp://x/jwks"), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A clock the test moves forward, to cross the refetch interval without sleeping. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
