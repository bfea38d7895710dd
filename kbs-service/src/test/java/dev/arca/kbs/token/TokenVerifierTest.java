package dev.arca.kbs.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.arca.kbs.config.KbsProperties;
import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.testing.FakeAttestationServer;
import dev.arca.kbs.testing.MutableClock;
import dev.arca.kbs.testing.SampleGuest;
import dev.arca.kbs.testing.TestProperties;
import dev.arca.kbs.upstream.AttestationServiceClient;
import dev.arca.kbs.upstream.UpstreamHttp;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.TeePublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenVerifierTest {

    final FakeAttestationServer as = new FakeAttestationServer();
    final MutableClock clock = new MutableClock(Instant.now());
    final KbsProperties properties = TestProperties.kbs(as.url(), Duration.ofSeconds(5));
    final AttestationServiceClient client = new AttestationServiceClient(new UpstreamHttp(properties), properties);
    final JwksCache jwks = new JwksCache(client, clock, properties);
    final TokenVerifier verifier = new TokenVerifier(jwks, clock, properties);
    final SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.P256);

    @AfterEach
    void stop() {
        as.close();
    }

    Map<String, Object> claims(Duration life) {
        Map<String, Object> annotated = new LinkedHashMap<>();
        annotated.put("tdx", Map.of("quote", "…"));
        annotated.put("runtime_data_claims", Map.of("tee-pubkey", Json.convert(guest.teePubkey(), Map.class)));
        return FakeAttestationServer.earClaims(Map.of("cpu0", FakeAttestationServer.submod("affirming", annotated)),
                clock.instant(), life);
    }

    void assertRefused(String token, String why) {
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOfSatisfying(KbsException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.problem().errorName()).isEqualTo("TokenVerifierError");
            assertThat(e.getMessage()).contains(why);
        });
    }

    @Test
    void aTokenOfTheAsIsVerifiedAndCarriesTheTeeKey() {
        VerifiedToken token = verifier.verify(FakeAttestationServer.sign(claims(Duration.ofMinutes(5)), as.signingKey()));
        assertThat(token.teeKey()).isInstanceOf(TeePublicKey.Ec.class);
        assertThat(token.teeKey().publicKey()).isEqualTo(guest.keyPair().getPublic());
        assertThat(token.claims().at("/submods/cpu0/ear.status").asString()).isEqualTo("affirming");
    }

    @Test
    void theGenericTeeKeyLocationIsTheFallback() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("exp", clock.instant().plusSeconds(60).getEpochSecond());
        claims.put("tee-pubkey", Json.convert(guest.teePubkey(), Map.class));
        assertThat(verifier.verify(FakeAttestationServer.sign(claims, as.signingKey())).teeKey().publicKey())
                .isEqualTo(guest.keyPair().getPublic());
    }

    @Test
    void expiryHasSixtySecondsOfLeeway() {
        String token = FakeAttestationServer.sign(claims(Duration.ofMinutes(5)), as.signingKey());
        clock.advance(Duration.ofMinutes(5).plusSeconds(59));
        assertThat(verifier.verify(token).teeKey()).isNotNull();
        clock.advance(Duration.ofSeconds(2));
        assertRefused(token, "expired");
    }

    @Test
    void expIsRequired() {
        Map<String, Object> claims = claims(Duration.ofMinutes(5));
        claims.remove("exp");
        assertRefused(FakeAttestationServer.sign(claims, as.signingKey()), "no exp");
    }

    @Test
    void theHeaderAlgMustMatchTheKey() throws Exception {
        // signed by the published P-256 key, but claiming ES384 in the header
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(as.signingKey().getKeyID()).build(),
                JWTClaimsSet.parse(Json.write(claims(Duration.ofMinutes(5)))));
        ECKey p384 = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_384).generate();
        jwt.sign(new ECDSASigner(p384));
        assertRefused(jwt.serialize(), "does not match");
    }

    @Test
    void aKeyInTheTokenHeaderIsNotTrusted() {
        ECKey rogue = FakeAttestationServer.newKey();
        // the header carries the rogue key's jwk, as the upstream AS header does; only the JWKS counts
        assertRefused(FakeAttestationServer.sign(claims(Duration.ofMinutes(5)), rogue), "unknown key");
    }

    @Test
    void unknownKidsRefetchTheJwksAtMostEveryThirtySeconds() {
        verifier.verify(FakeAttestationServer.sign(claims(Duration.ofHours(1)), as.signingKey()));
        assertThat(as.jwksFetches()).isEqualTo(1);

        ECKey rotated = FakeAttestationServer.newKey();
        as.publish(List.of(as.signingKey(), rotated));
        String byRotatedKey = FakeAttestationServer.sign(claims(Duration.ofHours(1)), rotated);
        // fetched less than 30 s ago: the unknown kid does not cause a fetch
        assertRefused(byRotatedKey, "unknown key");
        assertRefused(byRotatedKey, "unknown key");
        assertThat(as.jwksFetches()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(31));
        assertThat(verifier.verify(byRotatedKey).teeKey()).isNotNull();
        assertThat(as.jwksFetches()).isEqualTo(2);
        // a known kid never refetches
        verifier.verify(byRotatedKey);
        verifier.verify(FakeAttestationServer.sign(claims(Duration.ofHours(1)), as.signingKey()));
        assertThat(as.jwksFetches()).isEqualTo(2);
    }

    @Test
    void anUnreachableAsIsA503NotA401() {
        String token = FakeAttestationServer.sign(claims(Duration.ofMinutes(5)), as.signingKey());
        as.close();
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOfSatisfying(KbsException.class,
                e -> assertThat(e.status()).isEqualTo(503));
    }

    @Test
    void malformedTokensAndUnusableKeysAreRefused() {
        assertRefused("garbage", "not a signed JWT");
        assertRefused("eyJhbGciOiJub25lIn0.eyJleHAiOjF9.", "not a signed JWT");
        Map<String, Object> claims = claims(Duration.ofMinutes(5));
        claims.put("submods", Map.of("cpu0", FakeAttestationServer.submod("affirming",
                Map.of("runtime_data_claims", Map.of("tee-pubkey", Map.of("kty", "EC", "crv", "P-256",
                        "alg", "ECDH-ES+A256KW", "x", "AAAA", "y", "AAAA"))))));
        assertRefused(FakeAttestationServer.sign(claims, as.signingKey()), "tee-pubkey is unusable");
    }
}
