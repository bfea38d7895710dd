package dev.arca.kbs.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.arca.kbs.config.KbsProperties;
import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.testing.FakeAttestationServer;
import dev.arca.kbs.testing.MutableClock;
import dev.arca.kbs.testing.SampleGuest;
import dev.arca.kbs.testing.TestCertificates;
import dev.arca.kbs.testing.TestProperties;
import dev.arca.kbs.upstream.AttestationServiceClient;
import dev.arca.kbs.upstream.UpstreamHttp;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.TeePublicKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Attestation-token verification (Trustee attestation_token_verification.md) with real keys, real certificates and real
 * HTTP JWKS.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenVerifierTest {

    final FakeAttestationServer as = new FakeAttestationServer();
    final MutableClock clock = new MutableClock(Instant.now());
    final KbsProperties properties = TestProperties.kbs(as.url(), Duration.ofSeconds(5));
    final UpstreamHttp http = new UpstreamHttp(properties);
    final AttestationServiceClient client = new AttestationServiceClient(http, properties);
    final SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.P256);
    final TokenVerifier verifier = verifier(TokenProperties.defaults(), List.of());

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        as.close();
    }

    static TokenProperties token(List<String> jwks, List<Path> certs, List<String> extraPaths, boolean insecure) {
        return new TokenProperties(Duration.ofSeconds(60), Duration.ofSeconds(30), true, jwks, certs, extraPaths,
                insecure);
    }

    TokenVerifier verifier(TokenProperties token, List<X509Certificate> anchors) {
        TrustedJwkSets sets = new TokenTrustConfiguration().trustedJwkSets(token, client, http, clock);
        return new TokenVerifier(sets, new X5cChainValidator(anchors, clock),
                new TeeKeyLocator(token.extraTeePubkeyPaths()), clock, token);
    }

    Map<String, Object> claims(Duration life) {
        Map<String, Object> annotated = new LinkedHashMap<>();
        annotated.put("tdx", Map.of("quote", "…"));
        annotated.put("runtime_data_claims", Map.of("tee-pubkey", Json.convert(guest.teePubkey(), Map.class)));
        return FakeAttestationServer.earClaims(Map.of("cpu0", FakeAttestationServer.submod("affirming", annotated)),
                clock.instant(), life);
    }

    static String sign(JWSHeader header, Map<String, Object> claims, com.nimbusds.jose.JWSSigner signer)
            throws Exception {
        SignedJWT jwt = new SignedJWT(header, JWTClaimsSet.parse(Json.write(claims)));
        jwt.sign(signer);
        return jwt.serialize();
    }

    static void assertRefused(TokenVerifier verifier, String token, String why) {
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOfSatisfying(KbsException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.problem().errorName()).isEqualTo("TokenVerifierError");
            assertThat(e.getMessage()).contains(why);
        });
    }

    void assertRefused(String token, String why) {
        assertRefused(verifier, token, why);
    }

    @Test
    void aTokenOfTheAsIsVerifiedAndCarriesTheTeeKey() {
        VerifiedToken token = verifier.verify(FakeAttestationServer.sign(claims(Duration.ofMinutes(5)), as.signingKey()));
        assertThat(token.teeKey()).isInstanceOf(TeePublicKey.Ec.class);
        assertThat(token.teeKey().publicKey()).isEqualTo(guest.keyPair().getPublic());
        assertThat(token.claims().at("/submods/cpu0/ear.status").asString()).isEqualTo("affirming");
        assertThat(token.trustedVia()).isEqualTo("jwks");
    }

    @Test
    void aBadSignatureIsRefused() {
        String[] parts = FakeAttestationServer.sign(claims(Duration.ofMinutes(5)), as.signingKey()).split("\\.");
        String other = FakeAttestationServer.sign(claims(Duration.ofMinutes(6)), as.signingKey()).split("\\.")[2];
        assertRefused(parts[0] + "." + parts[1] + "." + other, "signature is invalid");
        assertRefused(parts[0] + "." + parts[1] + ".AAAA", "signature");
    }

    @Test
    void expiryHasABoundedLeeway() {
        String token = FakeAttestationServer.sign(claims(Duration.ofMinutes(5)), as.signingKey());
        clock.advance(Duration.ofMinutes(5).plusSeconds(59));
        assertThat(verifier.verify(token).teeKey()).isNotNull();
        clock.advance(Duration.ofSeconds(2));
        assertRefused(token, "expired");
    }

    @Test
    void expIsRequiredAndNbfIsHonoured() {
        Map<String, Object> claims = claims(Duration.ofMinutes(5));
        claims.remove("exp");
        assertRefused(FakeAttestationServer.sign(claims, as.signingKey()), "no exp");
        Map<String, Object> future = claims(Duration.ofMinutes(10));
        future.put("nbf", clock.instant().plusSeconds(120).getEpochSecond());
        assertRefused(FakeAttestationServer.sign(future, as.signingKey()), "not valid before");
    }

    /** Claims parsed by the one JSON parser: whatever a signed payload holds, the answer is a 401, never a 500. */
    @Test
    void aSignedPayloadThatIsNoClaimsSetIsRefused() throws Exception {
        long exp = clock.instant().plusSeconds(300).getEpochSecond();
        assertRefused(signRaw("{\"exp\":\"soon\"}"), "its exp is not a number");
        assertRefused(signRaw("{\"exp\":" + exp + ",\"nbf\":true}"), "its nbf is not a number");
        assertRefused(signRaw("{\"exp\":1e300}"), "its exp is out of range");
        assertRefused(signRaw("{\"exp\":-99999999999999999999}"), "its exp is out of range");
        assertRefused(signRaw("[1,2,3]"), "not a signed JWT");
        assertRefused(signRaw("{\"exp\":" + exp + ",\"submods\":"), "not a signed JWT");
        assertRefused(signRaw("null"), "not a signed JWT");
    }

    @Test
    void aPayloadThatIsNotBase64urlIsRefused() throws Exception {
        String[] parts = signRaw("{\"exp\":" + clock.instant().plusSeconds(300).getEpochSecond() + "}").split("\\.");
        // '+' and '/' are base64, not base64url: the payload is not what was signed in any reading
        assertRefused(parts[0] + "." + parts[1].substring(0, 4) + "+/" + parts[1].substring(4) + "." + parts[2],
                "not a signed JWT");
    }

    String signRaw(String payload) throws Exception {
        com.nimbusds.jose.JWSObject jws = new com.nimbusds.jose.JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(as.signingKey().getKeyID()).build(),
                new com.nimbusds.jose.Payload(payload));
        jws.sign(new ECDSASigner(as.signingKey()));
        return jws.serialize();
    }

    @Test
    void theHeaderAlgMustMatchTheKey() throws Exception {
        ECKey p384 = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(Curve.P_384).generate();
        String token = sign(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(as.signingKey().getKeyID()).build(),
                claims(Duration.ofMinutes(5)), new ECDSASigner(p384));
        assertRefused(token, "does not match");
    }

    @Test
    void anUnknownKidIsRefusedAndTheHeaderKeyIsNotTrusted() {
        ECKey rogue = FakeAttestationServer.newKey();
        // the header carries the rogue key's jwk, as the upstream AS header does; only trusted sources count
        assertRefused(FakeAttestationServer.sign(claims(Duration.ofMinutes(5)), rogue), "unknown key");
    }

    @Test
    void aMissingTeeKeyIsRefused() {
        Map<String, Object> claims = FakeAttestationServer.earClaims(Map.of("cpu0",
                FakeAttestationServer.submod("affirming", Map.of("tdx", Map.of()))), clock.instant(),
                Duration.ofMinutes(5));
        assertRefused(FakeAttestationServer.sign(claims, as.signingKey()), "carries no tee-pubkey");
    }

    @Test
    void teeKeyPathsAreTriedInOrderWithConfiguredOnesFirst() {
        SampleGuest other = SampleGuest.create(SampleGuest.KeyKind.P521);
        Map<String, Object> claims = claims(Duration.ofMinutes(5));
        claims.put("tee-pubkey", Json.convert(other.teePubkey(), Map.class));
        claims.put("custom", Map.of("key", Json.convert(other.teePubkey(), Map.class)));
        String token = FakeAttestationServer.sign(claims, as.signingKey());
        // the EAR location precedes the generic /tee-pubkey
        assertThat(verifier.verify(token).teeKey().publicKey()).isEqualTo(guest.keyPair().getPublic());
        TokenVerifier custom = verifier(token(List.of(), List.of(), List.of("/custom/key"), false), List.of());
        assertThat(custom.verify(token).teeKey().publicKey()).isEqualTo(other.keyPair().getPublic());

        Map<String, Object> generic = new LinkedHashMap<>();
        generic.put("exp", clock.instant().plusSeconds(60).getEpochSecond());
        generic.put("tee-pubkey", Json.convert(guest.teePubkey(), Map.class));
        assertThat(verifier.verify(FakeAttestationServer.sign(generic, as.signingKey())).teeKey().publicKey())
                .isEqualTo(guest.keyPair().getPublic());

        Map<String, Object> unusable = claims(Duration.ofMinutes(5));
        unusable.put("submods", Map.of("cpu0", FakeAttestationServer.submod("affirming",
                Map.of("runtime_data_claims", Map.of("tee-pubkey", Map.of("kty", "EC", "crv", "P-256",
                        "alg", "ECDH-ES+A256KW", "x", "AAAA", "y", "AAAA"))))));
        assertRefused(FakeAttestationServer.sign(unusable, as.signingKey()), "is unusable");
    }

    @Test
    void aTokenVerifiedBeforeIsRefusedOnceItsKeyIsNoLongerTrusted() {
        String token = FakeAttestationServer.sign(claims(Duration.ofHours(1)), as.signingKey());
        VerifiedToken first = verifier.verify(token);
        assertThat(verifier.verify(token)).isEqualTo(first);

        ECKey rotated = FakeAttestationServer.newKey();
        as.publish(List.of(rotated)); // the AS retires its old key
        clock.advance(Duration.ofSeconds(31));
        verifier.verify(FakeAttestationServer.sign(claims(Duration.ofHours(1)), rotated)); // the KBS learns the new set

        assertRefused(token, "unknown key");
    }

    @Test
    void unknownKidsRefetchTheJwksAtMostEveryThirtySeconds() {
        verifier.verify(FakeAttestationServer.sign(claims(Duration.ofHours(1)), as.signingKey()));
        assertThat(as.jwksFetches()).isEqualTo(1);

        ECKey rotated = FakeAttestationServer.newKey();
        as.publish(List.of(as.signingKey(), rotated));
        String byRotatedKey = FakeAttestationServer.sign(claims(Duration.ofHours(1)), rotated);
        assertRefused(byRotatedKey, "unknown key");
        assertRefused(byRotatedKey, "unknown key");
        assertThat(as.jwksFetches()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(31));
        assertThat(verifier.verify(byRotatedKey).teeKey()).isNotNull();
        assertThat(as.jwksFetches()).isEqualTo(2);
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
    void malformedTokensAreRefused() {
        assertRefused("garbage", "not a signed JWT");
        assertRefused("eyJhbGciOiJub25lIn0.eyJleHAiOjF9.", "not a signed JWT");
    }

    // --- x5c chains to configured trust anchors ---

    JWSHeader x5cHeader(TestCertificates.Issued leaf, X509Certificate... intermediates) throws Exception {
        java.util.List<Base64> chain = new java.util.ArrayList<>();
        chain.add(Base64.encode(leaf.certificate().getEncoded()));
        for (X509Certificate intermediate : intermediates) {
            chain.add(Base64.encode(intermediate.getEncoded()));
        }
        ECKey jwk = new ECKey.Builder(Curve.P_256, (java.security.interfaces.ECPublicKey) leaf.keys().getPublic())
                .build();
        return new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).jwk(jwk).x509CertChain(chain)
                .build();
    }

    @Test
    void anX5cChainToATrustedRootIsAccepted() throws Exception {
        TestCertificates.Issued root = TestCertificates.rootCa("Token Root");
        TestCertificates.Issued intermediate = TestCertificates.issue(root, "Token Intermediate", true);
        TestCertificates.Issued signer = TestCertificates.issue(intermediate, "AS signer", false);
        Path anchors = Files.writeString(dir.resolve("anchors.pem"), TestCertificates.pem(root.certificate()));
        TokenProperties token = token(List.of(), List.of(anchors), List.of(), false);
        TokenVerifier withAnchors = verifier(token,
                List.of((X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                        .generateCertificate(Files.newInputStream(anchors))));

        String good = sign(x5cHeader(signer, intermediate.certificate()), claims(Duration.ofMinutes(5)),
                new ECDSASigner((java.security.interfaces.ECPrivateKey) signer.keys().getPrivate()));
        VerifiedToken verified = withAnchors.verify(good);
        assertThat(verified.trustedVia()).isEqualTo("x5c");
        assertThat(verified.teeKey().publicKey()).isEqualTo(guest.keyPair().getPublic());
        // the same chain with the root appended validates too
        String withRoot = sign(x5cHeader(signer, intermediate.certificate(), root.certificate()),
                claims(Duration.ofMinutes(5)),
                new ECDSASigner((java.security.interfaces.ECPrivateKey) signer.keys().getPrivate()));
        assertThat(withAnchors.verify(withRoot).trustedVia()).isEqualTo("x5c");
        // without trust anchors the chain means nothing, and there is no kid
        assertRefused(good, "names no trusted key");
    }

    @Test
    void anX5cChainToAnUntrustedRootOrWithAForeignSignatureIsRefused() throws Exception {
        TestCertificates.Issued trusted = TestCertificates.rootCa("Trusted Root");
        TestCertificates.Issued stranger = TestCertificates.rootCa("Stranger Root");
        TestCertificates.Issued signer = TestCertificates.issue(stranger, "rogue signer", false);
        TokenVerifier withAnchors = verifier(TokenProperties.defaults(), List.of(trusted.certificate()));
        String token = sign(x5cHeader(signer), claims(Duration.ofMinutes(5)),
                new ECDSASigner((java.security.interfaces.ECPrivateKey) signer.keys().getPrivate()));
        assertRefused(withAnchors, token, "does not validate");

        // a chain that validates, but the token is signed by another key than the certificate's
        TestCertificates.Issued honest = TestCertificates.issue(trusted, "AS signer", false);
        String forged = sign(x5cHeader(honest), claims(Duration.ofMinutes(5)),
                new ECDSASigner((java.security.interfaces.ECPrivateKey) signer.keys().getPrivate()));
        assertRefused(withAnchors, forged, "signature is invalid");
    }

    @Test
    void anExpiredOrNotYetValidSignerCertificateIsRefused() throws Exception {
        TestCertificates.Issued root = TestCertificates.rootCa("Token Root");
        TokenVerifier withAnchors = verifier(TokenProperties.defaults(), List.of(root.certificate()));
        TestCertificates.Issued expired = TestCertificates.issue(root, "old signer", false,
                Instant.now().minus(Duration.ofDays(100)), Duration.ofDays(90));
        assertRefused(withAnchors, sign(x5cHeader(expired), claims(Duration.ofMinutes(5)),
                new ECDSASigner((java.security.interfaces.ECPrivateKey) expired.keys().getPrivate())),
                "a certificate has expired");
        TestCertificates.Issued early = TestCertificates.issue(root, "future signer", false,
                Instant.now().plus(Duration.ofDays(1)), Duration.ofDays(90));
        assertRefused(withAnchors, sign(x5cHeader(early), claims(Duration.ofMinutes(5)),
                new ECDSASigner((java.security.interfaces.ECPrivateKey) early.keys().getPrivate())),
                "not valid yet");
        // validity is judged at the KBS's clock
        clock.advance(Duration.ofDays(2));
        assertThat(withAnchors.verify(sign(x5cHeader(early), claims(Duration.ofMinutes(5)),
                new ECDSASigner((java.security.interfaces.ECPrivateKey) early.keys().getPrivate()))).trustedVia())
                .isEqualTo("x5c");
    }

    @Test
    void aHeaderJwkThatIsNotTheCertificateKeyIsRefused() throws Exception {
        TestCertificates.Issued root = TestCertificates.rootCa("Token Root");
        TestCertificates.Issued signer = TestCertificates.issue(root, "AS signer", false);
        TokenVerifier withAnchors = verifier(TokenProperties.defaults(), List.of(root.certificate()));
        JWSHeader header = new JWSHeader.Builder(x5cHeader(signer)).jwk(FakeAttestationServer.newKey().toPublicJWK())
                .build();
        assertRefused(withAnchors, sign(header, claims(Duration.ofMinutes(5)),
                new ECDSASigner((java.security.interfaces.ECPrivateKey) signer.keys().getPrivate())),
                "not the key of the x5c signer");
    }

    // --- passport mode: other trusted attestation services ---

    @Test
    void tokensOfOtherTrustedIssuersAreAcceptedFromFilesAndUrls() throws Exception {
        ECKey fileIssuer = FakeAttestationServer.newKey();
        RSAKey rsaIssuer = new RSAKeyGenerator(2048).keyID("rsa-1").algorithm(JWSAlgorithm.RS256).generate();
        OctetKeyPair edIssuer = new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed-1").generate();
        Path jwks = Files.writeString(dir.resolve("issuers.json"), new JWKSet(List.<JWK>of(fileIssuer.toPublicJWK(),
                rsaIssuer.toPublicJWK(), edIssuer.toPublicJWK())).toString());
        try (FakeAttestationServer remote = new FakeAttestationServer()) {
            TokenVerifier passport = verifier(token(List.of(jwks.toString(), remote.url() + "/.well-known/jwks.json"),
                    List.of(), List.of(), false), List.of());

            assertThat(passport.verify(FakeAttestationServer.sign(claims(Duration.ofMinutes(5)), fileIssuer))
                    .trustedVia()).isEqualTo("jwks");
            assertThat(passport.verify(FakeAttestationServer.sign(claims(Duration.ofMinutes(5)),
                    remote.signingKey())).teeKey()).isNotNull();
            assertThat(passport.verify(sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(),
                    claims(Duration.ofMinutes(5)), new RSASSASigner(rsaIssuer))).teeKey()).isNotNull();
            assertThat(passport.verify(sign(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID("ed-1").build(),
                    claims(Duration.ofMinutes(5)), new Ed25519Signer(edIssuer))).teeKey()).isNotNull();
            // the own AS stays trusted
            assertThat(passport.verify(FakeAttestationServer.sign(claims(Duration.ofMinutes(5)), as.signingKey()))
                    .teeKey()).isNotNull();
            assertRefused(passport, FakeAttestationServer.sign(claims(Duration.ofMinutes(5)),
                    FakeAttestationServer.newKey()), "unknown key");
            // RS256 key, token claiming PS256
            assertRefused(passport, sign(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID("rsa-1").build(),
                    claims(Duration.ofMinutes(5)), new RSASSASigner(rsaIssuer)), "does not match");
        }
    }

    @Test
    void anIssuerUrlIsResolvedThroughOpenIdDiscovery() throws Exception {
        try (FakeAttestationServer remote = new FakeAttestationServer()) {
            HttpServer issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            issuer.createContext("/", exchange -> {
                try (exchange) {
                    byte[] body = exchange.getRequestURI().getPath().equals("/tenant/.well-known/openid-configuration")
                            ? ("{\"issuer\":\"x\",\"jwks_uri\":\"" + remote.url() + "/.well-known/jwks.json\"}")
                                    .getBytes(StandardCharsets.UTF_8)
                            : new byte[0];
                    exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            issuer.start();
            try {
                String base = "http://127.0.0.1:" + issuer.getAddress().getPort() + "/tenant";
                TokenVerifier passport = verifier(token(List.of(base), List.of(), List.of(), false), List.of());
                assertThat(passport.verify(FakeAttestationServer.sign(claims(Duration.ofMinutes(5)),
                        remote.signingKey())).teeKey()).isNotNull();
            } finally {
                issuer.stop(0);
            }
        }
    }

    @Test
    void theInsecureHeaderJwkSwitchTrustsTheHeaderAndWarnsOnEveryUse(CapturedOutput output) {
        ECKey rogue = FakeAttestationServer.newKey();
        String token = FakeAttestationServer.sign(claims(Duration.ofMinutes(5)), rogue);
        TokenVerifier insecure = verifier(token(List.of(), List.of(), List.of(), true), List.of());
        assertThat(insecure.verify(token).trustedVia()).isEqualTo("insecure-header-jwk");
        insecure.verify(token);
        assertThat(output.getOut().split("INSECURE: trusting the key in an attestation token's own header", -1))
                .hasSize(3);
        // the switch does not override a kid the trusted sets know: that key still decides
        assertThat(insecure.verify(FakeAttestationServer.sign(claims(Duration.ofMinutes(5)), as.signingKey()))
                .trustedVia()).isEqualTo("jwks");
    }

    @Test
    void startupNeedsSomeTrustedMaterial() {
        TokenProperties nothing = new TokenProperties(Duration.ofSeconds(60), Duration.ofSeconds(30), false,
                List.of(), List.of(), List.of(), false);
        TokenTrustConfiguration configuration = new TokenTrustConfiguration();
        assertThatThrownBy(() -> configuration.tokenVerifier(configuration.trustedJwkSets(nothing, client, http, clock),
                new X5cChainValidator(List.of(), clock), nothing, clock))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no trusted verification material");
    }
}
