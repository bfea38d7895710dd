package dev.arca.service.security;

import static dev.arca.service.security.SignedTokens.CLOCK;
import static dev.arca.service.security.SignedTokens.NOW;
import static dev.arca.service.security.SignedTokens.adminClaims;
import static dev.arca.service.security.SignedTokens.authenticate;
import static dev.arca.service.security.SignedTokens.authorities;
import static dev.arca.service.security.SignedTokens.keyPair;
import static dev.arca.service.security.SignedTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.arca.model.admin.AdminKeySource;
import dev.arca.model.admin.AdminTokenSigner;
import dev.arca.model.admin.PemKeys;
import dev.arca.service.problem.ProblemCatalogue;
import dev.arca.service.problem.ProblemWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Admin bearer tokens as the services check them: {@link JwtDecoders#admin} behind {@link BearerAuthentication}
 * (through {@link ServiceSecurity#bearer}), with keys from PEM and from a JWK set served over real HTTP, and the
 * forged-token classes of docs/security.md, each of which must be refused.
 */
class JwtDecodersTest {

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
    void stopJwksServer() {
        server.stop(0);
    }

    private URI jwksUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
    }

    static AdminProperties admin(String issuer, String audience) {
        return new AdminProperties(AdminMode.AUTHENTICATED, List.of(), null, issuer, audience, "admin",
                Duration.ofSeconds(60), Map.of(), List.of());
    }

    /** The admin keys as a service is configured with them: PEM text. */
    static AdminKeySource pemKeys(KeyPair... trusted) {
        StringBuilder pem = new StringBuilder();
        for (KeyPair pair : trusted) {
            pem.append(PemKeys.toPem(pair.getPublic()));
        }
        return AdminKeySource.staticKeys(PemKeys.parsePublicKeys(pem.toString()));
    }

    /** A service trusting these admin keys and no caller. */
    static AuthenticationManager adminOnly(KeyPair... trusted) {
        return ServiceSecurity.bearer(JwtDecoders.admin(pemKeys(trusted), admin(null, null), CLOCK), null, Set.of());
    }

    /** Refused as an authentication failure (401) whose description, shown to the caller, names no internals. */
    static void assertRefused(AuthenticationManager bearer, String token) {
        assertThatThrownBy(() -> authenticate(bearer, token)).isInstanceOf(AuthenticationException.class)
                .satisfies(e -> {
                    if (e instanceof OAuth2AuthenticationException oauth) {
                        assertThat(oauth.getError().getDescription()).as("shown to the caller")
                                .doesNotContainPattern("(?i)exception|\\b(com|org|java|dev)\\.[a-z]|\\.java|null");
                    }
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"EC", "RSA", "Ed25519"})
    void aTokenSignedByATrustedPemKeyYieldsItsRole(String kind) throws Exception {
        KeyPair pair = keyPair(kind);
        // the CLI's private key goes through PEM too
        var privateKey = PemKeys.parsePrivateKey(PemKeys.toPem(pair.getPrivate()));
        String token = new AdminTokenSigner(privateKey, pair.getPublic(), CLOCK).sign("ops", "admin",
                Duration.ofMinutes(5));

        Authentication authentication = authenticate(adminOnly(pair), token);

        assertThat(authentication.isAuthenticated()).isTrue();
        assertThat(authentication.getName()).isEqualTo("ops");
        assertThat(authorities(authentication)).containsExactly("ROLE_admin");
        assertThat(ServiceSecurity.roleOf(authentication)).isEqualTo("admin");
    }

    @Test
    void anEd25519KeyAcceptsBothEdDsaAndEd25519HeaderAlgorithms() throws Exception {
        KeyPair pair = keyPair("Ed25519");
        AuthenticationManager bearer = adminOnly(pair);

        for (JWSAlgorithm alg : List.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519)) {
            String token = sign(pair, new JWSHeader(alg), adminClaims().claim("role", "reader").build());
            assertThat(authorities(authenticate(bearer, token))).as(alg.getName()).containsExactly("ROLE_reader");
        }
    }

    @Test
    void anRsaKeyAcceptsPssButAnEcKeyOnlyItsCurvesAlgorithm() throws Exception {
        KeyPair rsa = keyPair("RSA");
        assertThat(authorities(authenticate(adminOnly(rsa),
                sign(rsa, new JWSHeader(JWSAlgorithm.PS256), adminClaims().build())))).containsExactly("ROLE_admin");

        // the JWK set path pins an alg too: a P-256 JWK whose alg says ES256 refuses an RS256-labelled token
        KeyPair ec = keyPair("EC");
        served.set(new JWKSet(new ECKey.Builder(Curve.P_256, (ECPublicKey) ec.getPublic()).keyID("k1").build())
                .toString());
        AuthenticationManager jwks = ServiceSecurity.bearer(JwtDecoders.admin(AdminKeySource.jwksUrl(jwksUrl(),
                Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(30), CLOCK), admin(null, null),
                CLOCK), null, Set.of());
        assertThat(authorities(authenticate(jwks, sign(ec, new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1")
                .build(), adminClaims().build())))).containsExactly("ROLE_admin");
        assertRefused(jwks, sign(rsa, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                adminClaims().build()));
    }

    @Test
    void aTokenSignedByAnUntrustedKeyIsRefused() throws Exception {
        KeyPair trusted = keyPair("EC");
        KeyPair other = keyPair("EC");

        assertRefused(adminOnly(trusted), sign(other, adminClaims().build()));
        // nor does a service without any admin key accept anything
        assertRefused(ServiceSecurity.bearer(null, null, Set.of()), sign(trusted, adminClaims().build()));
    }

    @Test
    void aTamperedPayloadIsRefused() throws Exception {
        KeyPair pair = keyPair("EC");
        String[] parts = sign(pair, adminClaims().claim("role", "reader").build()).split("\\.");
        String edited = Base64URL.encode(adminClaims().build().toString()).toString();

        assertRefused(adminOnly(pair), parts[0] + "." + edited + "." + parts[2]);
    }

    @Test
    void expiryAndNotBeforeAreCheckedWithTheClockSkew() throws Exception {
        KeyPair pair = keyPair("EC");
        AuthenticationManager bearer = adminOnly(pair);

        JWTClaimsSet.Builder earlier = adminClaims().issueTime(Date.from(NOW.minusSeconds(360)));
        assertThat(authorities(authenticate(bearer, sign(pair, earlier
                .expirationTime(Date.from(NOW.minusSeconds(59))).build())))).containsExactly("ROLE_admin");
        assertRefused(bearer, sign(pair, earlier.expirationTime(Date.from(NOW.minusSeconds(61))).build()));
        assertRefused(bearer, sign(pair, adminClaims().expirationTime(null).build()));

        assertThat(authorities(authenticate(bearer, sign(pair, adminClaims()
                .notBeforeTime(Date.from(NOW.plusSeconds(59))).build())))).containsExactly("ROLE_admin");
        assertRefused(bearer, sign(pair, adminClaims().notBeforeTime(Date.from(NOW.plusSeconds(61))).build()));
    }

    @Test
    void theRoleMustBeANonBlankString() throws Exception {
        KeyPair pair = keyPair("EC");
        AuthenticationManager bearer = adminOnly(pair);

        assertRefused(bearer, sign(pair, adminClaims().claim("role", null).build()));
        assertRefused(bearer, sign(pair, adminClaims().claim("role", " ").build()));
        assertRefused(bearer, sign(pair, adminClaims().claim("role", 7).build()));
        assertRefused(bearer, sign(pair, adminClaims().claim("role", List.of("admin")).build()));
        assertRefused(bearer, sign(pair, adminClaims().claim("role", Map.of("name", "admin")).build()));
    }

    @Test
    void issuerAndAudienceAreCheckedOnlyWhenConfigured() throws Exception {
        KeyPair pair = keyPair("Ed25519");
        AuthenticationManager strict = ServiceSecurity.bearer(JwtDecoders.admin(pemKeys(pair),
                admin("https://idp.example", "arca"), CLOCK), null, Set.of());
        JWTClaimsSet.Builder claims = adminClaims().issuer("https://idp.example").audience("arca");

        assertThat(authorities(authenticate(strict, sign(pair, claims.build())))).containsExactly("ROLE_admin");
        assertThat(authorities(authenticate(strict, sign(pair, adminClaims().issuer("https://idp.example")
                .audience(List.of("other", "arca")).build())))).containsExactly("ROLE_admin");
        assertRefused(strict, sign(pair, adminClaims().issuer("https://evil.example").audience("arca").build()));
        assertRefused(strict, sign(pair, adminClaims().audience("arca").build()));
        assertRefused(strict, sign(pair, adminClaims().issuer("https://idp.example").build()));
        assertRefused(strict, sign(pair, adminClaims().issuer("https://idp.example").audience("other").build()));

        assertThat(authorities(authenticate(adminOnly(pair), sign(pair, adminClaims().issuer("https://any.example")
                .audience("anything").build())))).containsExactly("ROLE_admin");
    }

    @Test
    void aJwkSetKeyIsFoundByKidAndRefetchedAtMostOncePerInterval() throws Exception {
        KeyPair first = keyPair("Ed25519");
        KeyPair rotated = keyPair("Ed25519");
        SignedTokens.MovableClock clock = new SignedTokens.MovableClock(NOW);
        served.set(new JWKSet(ed25519Jwk(first, "k1")).toString());
        JwtDecoder decoder = JwtDecoders.admin(AdminKeySource.jwksUrl(jwksUrl(), Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofSeconds(30), clock), admin(null, null), clock);
        AuthenticationManager bearer = ServiceSecurity.bearer(decoder, null, Set.of());

        assertThat(authorities(authenticate(bearer, kidToken(first, "k1")))).containsExactly("ROLE_admin");
        assertThat(authorities(authenticate(bearer, kidToken(first, "k1")))).containsExactly("ROLE_admin");
        assertThat(fetches).hasValue(1);

        // the issuer rotates: an unknown kid reloads the set, but not again within the interval
        served.set(new JWKSet(List.of(ed25519Jwk(first, "k1"), ed25519Jwk(rotated, "k2"))).toString());
        assertRefused(bearer, kidToken(rotated, "k2"));
        assertThat(fetches).hasValue(1);
        clock.advance(Duration.ofSeconds(31));
        assertThat(authorities(authenticate(bearer, kidToken(rotated, "k2")))).containsExactly("ROLE_admin");
        assertThat(fetches).hasValue(2);
        assertRefused(bearer, kidToken(rotated, "made-up"));
        assertThat(fetches).hasValue(2);

        // kid confusion: a key of the set signing under another key's kid; and a token naming no kid at all
        assertRefused(bearer, kidToken(rotated, "k1"));
        assertRefused(bearer, sign(first, new JWSHeader(JWSAlgorithm.EdDSA), adminClaims().build()));
        assertThatThrownBy(() -> decoder.decode(kidToken(rotated, "k1"))).isInstanceOf(JwtException.class);
    }

    @Test
    void anUnreachableJwkSetFailsClosed() throws Exception {
        KeyPair pair = keyPair("Ed25519");
        server.stop(0);
        AuthenticationManager bearer = ServiceSecurity.bearer(JwtDecoders.admin(
                AdminKeySource.fromConfiguration(List.of(), jwksUrl(), CLOCK), admin(null, null), CLOCK), null,
                Set.of());

        assertRefused(bearer, kidToken(pair, "k1"));
    }

    @Test
    void anUnsignedTokenIsRefused() throws Exception {
        KeyPair pair = keyPair("EC");
        AuthenticationManager bearer = adminOnly(pair);
        String unsigned = new PlainJWT(adminClaims().build()).serialize();

        assertRefused(bearer, unsigned);
        assertThatThrownBy(() -> JwtDecoders.admin(pemKeys(pair), admin(null, null), CLOCK).decode(unsigned))
                .isInstanceOf(JwtException.class);
        // "none" in other spellings, with and without a signature part
        String payload = Base64URL.encode(adminClaims().build().toString()).toString();
        for (String alg : List.of("None", "NONE", "nOnE")) {
            String header = Base64URL.encode("{\"alg\":\"" + alg + "\"}").toString();
            assertRefused(bearer, header + "." + payload + ".");
            assertRefused(bearer, header + "." + payload + ".c2ln");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"EC", "RSA"})
    void anHmacTokenKeyedWithTheAdminPublicKeyIsRefused(String kind) throws Exception {
        KeyPair pair = keyPair(kind);
        AuthenticationManager bearer = adminOnly(pair);

        for (byte[] secret : List.of(pair.getPublic().getEncoded(),
                PemKeys.toPem(pair.getPublic()).getBytes(StandardCharsets.US_ASCII))) {
            SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), adminClaims().build());
            hmac.sign(new MACSigner(secret));
            assertRefused(bearer, hmac.serialize());
        }
    }

    @Test
    void aKeyCarriedInTheHeaderIsNotTrusted() throws Exception {
        KeyPair trusted = keyPair("EC");
        KeyPair attacker = keyPair("EC");
        AuthenticationManager bearer = adminOnly(trusted);
        ECKey attackerJwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) attacker.getPublic()).keyID("a").build();

        assertRefused(bearer, sign(attacker, new JWSHeader.Builder(JWSAlgorithm.ES256).jwk(attackerJwk).build(),
                adminClaims().build()));

        // nor a key the header points at: the jku is not fetched
        served.set(new JWKSet(attackerJwk).toString());
        assertRefused(bearer, sign(attacker, new JWSHeader.Builder(JWSAlgorithm.ES256).jwkURL(jwksUrl())
                .keyID("a").build(), adminClaims().build()));
        assertThat(fetches).hasValue(0);
    }

    @Test
    void anX5cChainOfAnUntrustedKeyIsNotTrusted() throws Exception {
        KeyPair trusted = keyPair("EC");
        KeyPair attacker = keyPair("EC");
        X509Certificate certificate = selfSigned(attacker, "CN=arca-admin");

        assertRefused(adminOnly(trusted), sign(attacker, new JWSHeader.Builder(JWSAlgorithm.ES256)
                .x509CertChain(List.of(Base64.encode(certificate.getEncoded()))).build(), adminClaims().build()));
    }

    @Test
    void anEncryptedOrMalformedTokenIsRefusedAsAnAuthenticationFailure() throws Exception {
        KeyPair pair = keyPair("RSA");
        AuthenticationManager bearer = adminOnly(pair);
        EncryptedJWT encrypted = new EncryptedJWT(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM),
                adminClaims().build());
        encrypted.encrypt(new RSAEncrypter((RSAPublicKey) pair.getPublic()));

        assertRefused(bearer, encrypted.serialize());
        assertRefused(bearer, "not.a.jwt");
        assertRefused(bearer, Base64URL.encode("{\"alg\":\"ES256\"}") + "." + Base64URL.encode("[1,2]") + ".c2ln");
    }

    /** Tokens the JOSE parser chokes on: each is an authentication failure (401), never an internal error. */
    @ParameterizedTest
    @ValueSource(strings = {"a", "a.b", "a.b.c.d", "a.b.c.d.e.f", "....", "!!.??.**", "e30.e30.c2ln", "W10.e30.c2ln",
            "eyJhbGciOjF9.e30.c2ln", "eyJhbGciOiJFUzI1NiJ9.bm90LWpzb24.c2ln", "eyJhbGciOiJFUzI1NiJ9.e30.",
            "eyJhbGciOiJFUzI1NiIsImNyaXQiOlsieCJdLCJ4IjoxfQ.e30.c2ln",
            "eyJhbGciOiJFUzI1NiJ9.eyJleHAiOiJ0b21vcnJvdyJ9.c2ln",
            "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOlsia2JzIl19.c2ln",
            "eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMjU2R0NNIn0.a.b.c.d"})
    void aMalformedTokenIsAnAuthenticationFailure(String token) throws Exception {
        KeyPair pair = keyPair("EC");

        assertRefused(adminOnly(pair), token);
        assertRefused(ServiceSecurity.bearer(null, null, Set.of()), token);
    }

    @Test
    void theAuthorizationValueOfANonHttpCallIsCheckedTheSameWay() throws Exception {
        KeyPair pair = keyPair("EC");
        ServiceSecurity security = new ServiceSecurity(admin(null, null),
                new CallerProperties("as", null, Map.of(), Duration.ofSeconds(120), false), adminOnly(pair),
                new ProblemSecurityHandlers(new ProblemWriter(ProblemCatalogue.arca("test"))));
        String token = sign(pair, adminClaims().build());

        assertThat(security.authenticate(null)).isNull();
        assertThat(authorities(security.authenticate("Bearer " + token))).containsExactly("ROLE_admin");
        assertThat(authorities(security.authenticate("bearer " + token))).containsExactly("ROLE_admin");
        assertThatThrownBy(() -> security.authenticate("Basic b3BzOmFkbWlu"))
                .isInstanceOf(AuthenticationException.class);
        for (String empty : List.of("Bearer", "Bearer ", "Bearer    ", "Bearer \t")) {
            assertThatThrownBy(() -> security.authenticate(empty)).as(empty)
                    .isInstanceOf(AuthenticationException.class);
        }
        assertThatThrownBy(() -> security.authenticate("Bearer " + sign(keyPair("EC"), adminClaims().build())))
                .isInstanceOf(AuthenticationException.class);
    }

    private static String kidToken(KeyPair pair, String kid) throws Exception {
        return sign(pair, new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(kid).build(), adminClaims().build());
    }

    private static OctetKeyPair ed25519Jwk(KeyPair pair, String kid) {
        byte[] spki = pair.getPublic().getEncoded();
        return new OctetKeyPair.Builder(Curve.Ed25519,
                Base64URL.encode(Arrays.copyOfRange(spki, spki.length - 32, spki.length))).keyID(kid).build();
    }

    private static X509Certificate selfSigned(KeyPair pair, String name) throws Exception {
        X500Name subject = new X500Name(name);
        var holder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE, Date.from(NOW.minusSeconds(3600)),
                Date.from(NOW.plusSeconds(3600)), subject, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }
}
