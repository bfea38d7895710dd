package dev.arca.rego;

import static dev.arca.rego.TestPem.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.arca.rego.value.Json;
import dev.arca.rego.value.ObjectValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code crypto.x509.*} and {@code io.jwt.verify_*}/{@code decode_verify} on keys, certificates and tokens made in
 * the test (Bouncy Castle, Nimbus), checked as OPA's built-in reference describes the results.
 */
class CryptoBuiltinsTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final RegoEngine ENGINE = RegoEngine.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

    private static KeyPair rootKey;
    private static KeyPair leafKey;
    private static X509Certificate root;
    private static X509Certificate intermediate;
    private static X509Certificate leaf;
    private static X509Certificate otherRoot;

    @BeforeAll
    static void pki() throws Exception {
        var rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        var ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        rootKey = rsa.generateKeyPair();
        KeyPair intermediateKey = ec.generateKeyPair();
        leafKey = ec.generateKeyPair();
        root = cert("CN=Test Root,O=Arca", rootKey, "CN=Test Root,O=Arca", rootKey, 1, true, null);
        intermediate = cert("CN=Test Intermediate", intermediateKey, "CN=Test Root,O=Arca", rootKey, 2, true, null);
        leaf = cert("CN=leaf.example,C=DE", leafKey, "CN=Test Intermediate", intermediateKey, 3, false, "leaf.example");
        KeyPair other = rsa.generateKeyPair();
        otherRoot = cert("CN=Other Root", other, "CN=Other Root", other, 4, true, null);
    }

    private static X509Certificate cert(String subject, KeyPair key, String issuer, KeyPair issuerKey, long serial,
            boolean ca, String dns) throws Exception {
        var builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(serial),
                Date.from(NOW.minus(1, ChronoUnit.DAYS)), Date.from(NOW.plus(30, ChronoUnit.DAYS)),
                new X500Name(subject), key.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca
                ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
        if (dns != null) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, dns)));
        }
        String alg = issuerKey.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(alg).build(issuerKey.getPrivate())));
    }

    /** Evaluates {@code x := <expression>} with the given input. */
    private static String eval(String expression, Value input) {
        return ENGINE.compile("package t\nx := " + expression).evaluate("data.t.x", input, null)
                .map(Json::write).orElse("undefined");
    }

    private static Value str(String s) {
        return new StringValue(s);
    }

    @Test
    void parseCertificatesGivesGoShapedObjectsFromPemOrBase64() throws Exception {
        String chain = pem(leaf, intermediate);
        assertThat(eval("[c.Subject.CommonName | some c in crypto.x509.parse_certificates(input)]", str(chain)))
                .isEqualTo("[\"leaf.example\",\"Test Intermediate\"]");
        String fields = eval("""
                [c.Subject.Country, c.Issuer.CommonName, c.SerialNumber, c.DNSNames, c.IsCA, c.Version,
                 c.KeyUsage, c.PublicKeyAlgorithm, c.SignatureAlgorithm, c.BasicConstraintsValid, c.NotAfter]
                  if c := crypto.x509.parse_certificates(input)[0]""".replace("\n", " "), str(chain));
        // KeyUsage: Go's DigitalSignature bit; 3 = ECDSA key; 10 = ECDSAWithSHA256
        assertThat(fields).isEqualTo("[[\"DE\"],\"Test Intermediate\",3,[\"leaf.example\"],false,3,1,3,10,true,\"2026-07-01T00:00:00Z\"]");
        String rootFields = eval("[c.IsCA, c.KeyUsage, c.PublicKeyAlgorithm, c.SignatureAlgorithm, c.Subject.Organization]"
                + " if c := crypto.x509.parse_certificates(input)[0]", str(pem(root)));
        assertThat(rootFields).isEqualTo("[true,96,1,4,[\"Arca\"]]");
        // base64 of DER and base64 of PEM are accepted as well
        String der = java.util.Base64.getEncoder().encodeToString(leaf.getEncoded());
        assertThat(eval("crypto.x509.parse_certificates(input)[0].Subject.CommonName", str(der))).isEqualTo("\"leaf.example\"");
        String b64pem = java.util.Base64.getEncoder().encodeToString(pem(root).getBytes(StandardCharsets.US_ASCII));
        assertThat(eval("crypto.x509.parse_certificates(input)[0].Raw", str(b64pem)))
                .isEqualTo("\"" + java.util.Base64.getEncoder().encodeToString(root.getEncoded()) + "\"");
        assertThat(eval("crypto.x509.parse_certificates(input)", str("not a certificate"))).isEqualTo("undefined");
    }

    @Test
    void parseAndVerifyCertificatesChecksTheChainRootFirst() throws Exception {
        String verified = eval("[v, [c.Subject.CommonName | some c in certs]] if [v, certs] := "
                + "crypto.x509.parse_and_verify_certificates(input)", str(pem(root, intermediate, leaf)));
        assertThat(verified).isEqualTo("[true,[\"leaf.example\",\"Test Intermediate\",\"Test Root\"]]");
        // the wrong root, a missing intermediate, the wrong order, a single certificate: [false, []]
        for (String bad : List.of(pem(otherRoot, intermediate, leaf), pem(root, leaf), pem(leaf, intermediate, root),
                pem(root))) {
            assertThat(eval("crypto.x509.parse_and_verify_certificates(input)", str(bad))).isEqualTo("[false,[]]");
        }
        // at a time after the leaf expired
        var later = RegoEngine.builder().clock(Clock.fixed(NOW.plus(60, ChronoUnit.DAYS), ZoneOffset.UTC)).build();
        assertThat(later.compile("package t\nx := crypto.x509.parse_and_verify_certificates(input)[0]")
                .evaluate("data.t.x", str(pem(root, intermediate, leaf)), null).map(Json::write)).contains("false");
    }

    @Test
    void parseCertificateRequestAndRsaPrivateKey() throws Exception {
        var extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, "workload.example")));
        var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=workload,O=Tenant"), leafKey.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(leafKey.getPrivate()));
        String csrPem = pem(csr);
        assertThat(eval("[r.Subject.CommonName, r.Subject.Organization, r.DNSNames, r.PublicKeyAlgorithm, r.SignatureAlgorithm]"
                + " if r := crypto.x509.parse_certificate_request(input)", str(csrPem)))
                .isEqualTo("[\"workload\",[\"Tenant\"],[\"workload.example\"],3,10]");
        String b64 = java.util.Base64.getEncoder().encodeToString(csrPem.getBytes(StandardCharsets.US_ASCII));
        assertThat(eval("crypto.x509.parse_certificate_request(input).Subject.CommonName", str(b64))).isEqualTo("\"workload\"");
        assertThat(eval("crypto.x509.parse_certificate_request(input)", str(pem(root)))).isEqualTo("undefined");

        // PKCS#1 "RSA PRIVATE KEY" PEM, as JcaPEMWriter writes an RSA key pair
        String keyPem = pem(rootKey);
        assertThat(keyPem).contains("BEGIN RSA PRIVATE KEY");
        String jwk = eval("[k.kty, k.e, count(k.n) > 300, is_string(k.d)] if k := crypto.x509.parse_rsa_private_key(input)",
                str(keyPem));
        assertThat(jwk).isEqualTo("[\"RSA\",\"AQAB\",true,true]");
        assertThat(eval("crypto.x509.parse_rsa_private_key(input)", str(pem(root)))).isEqualTo("undefined");
    }

    @Test
    void verifyFamiliesAcceptTheirAlgorithmWithPemCertificatesKeysAndJwks() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("r1").generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("e1").generate();
        String rs256 = sign(JWSAlgorithm.RS256, new RSASSASigner(rsa), claims(Map.of("sub", "a")));
        String ps384 = sign(JWSAlgorithm.PS384, new RSASSASigner(rsa), claims(Map.of("sub", "a")));
        String es256 = sign(JWSAlgorithm.ES256, new ECDSASigner(ec), claims(Map.of("sub", "a")));
        String rsaPem = pem(rsa.toRSAPublicKey());
        String jwks = new JWKSet(List.of(ec.toPublicJWK(), rsa.toPublicJWK())).toString();
        assertThat(verify("io.jwt.verify_rs256", rs256, rsaPem)).isEqualTo("true");
        assertThat(verify("io.jwt.verify_rs256", rs256, rsa.toPublicJWK().toJSONString())).isEqualTo("true");
        assertThat(verify("io.jwt.verify_rs256", rs256, jwks)).isEqualTo("true");
        assertThat(verify("io.jwt.verify_ps384", ps384, rsaPem)).isEqualTo("true");
        assertThat(verify("io.jwt.verify_es256", es256, jwks)).isEqualTo("true");
        // another algorithm's function, another key, a tampered payload: false
        assertThat(verify("io.jwt.verify_rs384", rs256, rsaPem)).isEqualTo("false");
        assertThat(verify("io.jwt.verify_es256", es256, rsaPem)).isEqualTo("false");
        RSAKey otherRsa = new RSAKeyGenerator(2048).generate();
        assertThat(verify("io.jwt.verify_rs256", rs256, pem(otherRsa.toRSAPublicKey()))).isEqualTo("false");
        String[] parts = rs256.split("\\.");
        String tampered = parts[0] + "." + Base64URL.encode("{\"sub\":\"admin\"}") + "." + parts[2];
        assertThat(verify("io.jwt.verify_rs256", tampered, rsaPem)).isEqualTo("false");
        // a certificate's key: the leaf certificate made for this test, signing with its EC key
        String leafToken = sign(JWSAlgorithm.ES256, new ECDSASigner(
                (java.security.interfaces.ECPrivateKey) leafKey.getPrivate()), claims(Map.of("sub", "leaf")));
        assertThat(verify("io.jwt.verify_es256", leafToken, pem(leaf))).isEqualTo("true");
        // malformed input: undefined (an error in strict mode)
        assertThat(verify("io.jwt.verify_rs256", "not.a.jwt", rsaPem)).isEqualTo("undefined");
        assertThat(verify("io.jwt.verify_rs256", rs256, "not a key")).isEqualTo("undefined");
    }

    @Test
    void verifyHmacAcceptsSecretsOfAnyLength() throws Exception {
        String token = hs("HS256", "HmacSHA256", "{\"sub\":\"a\"}", "secret");
        assertThat(verify("io.jwt.verify_hs256", token, "secret")).isEqualTo("true");
        assertThat(verify("io.jwt.verify_hs256", token, "Secret")).isEqualTo("false");
        assertThat(verify("io.jwt.verify_hs384", token, "secret")).isEqualTo("false");
        assertThat(verify("io.jwt.verify_hs512", hs("HS512", "HmacSHA512", "{}", "k"), "k")).isEqualTo("true");
    }

    @Test
    void decodeVerifyChecksSignatureAlgorithmTimeIssuerAndAudience() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        String certKey = pem(rsa.toRSAPublicKey());
        long now = NOW.getEpochSecond();
        String good = sign(JWSAlgorithm.RS256, new RSASSASigner(rsa),
                claims(Map.of("iss", "as", "aud", "kbs", "exp", now + 60, "nbf", now - 60)));
        assertThat(decodeVerify(good, Map.of("cert", certKey, "aud", "kbs")))
                .isEqualTo("[true,{\"alg\":\"RS256\",\"typ\":\"JWT\"},{\"aud\":\"kbs\",\"exp\":" + (now + 60)
                        + ",\"iss\":\"as\",\"nbf\":" + (now - 60) + "}]");
        String invalid = "[false,{},{}]";
        assertThat(decodeVerify(good, Map.of("cert", certKey, "iss", "as", "aud", "kbs", "alg", "RS256"))).startsWith("[true,");
        assertThat(decodeVerify(good, Map.of("cert", certKey, "aud", "kbs", "alg", "RS512"))).isEqualTo(invalid);
        assertThat(decodeVerify(good, Map.of("cert", certKey, "aud", "kbs", "iss", "other"))).isEqualTo(invalid);
        assertThat(decodeVerify(good, Map.of("cert", certKey, "aud", "other"))).isEqualTo(invalid);
        // the token has an audience: the constraints must name it
        assertThat(decodeVerify(good, Map.of("cert", certKey))).isEqualTo(invalid);
        String audienced = sign(JWSAlgorithm.RS256, new RSASSASigner(rsa), claims(Map.of("aud", List.of("a", "kbs"))));
        assertThat(decodeVerify(audienced, Map.of("cert", certKey))).isEqualTo(invalid);
        assertThat(decodeVerify(audienced, Map.of("cert", certKey, "aud", "kbs"))).startsWith("[true,");
        String noAudience = sign(JWSAlgorithm.RS256, new RSASSASigner(rsa), claims(Map.of("sub", "x")));
        assertThat(decodeVerify(noAudience, Map.of("cert", certKey, "aud", "kbs"))).isEqualTo(invalid);
        // time: the query's clock by default, or the constraint (nanoseconds)
        long expiredAt = (now + 60) * 1_000_000_000L;
        assertThat(decodeVerify(good, Map.of("cert", certKey, "aud", "kbs", "time", expiredAt))).isEqualTo(invalid);
        assertThat(decodeVerify(good, Map.of("cert", certKey, "aud", "kbs", "time", (now - 61) * 1_000_000_000L))).isEqualTo(invalid);
        assertThat(decodeVerify(good, Map.of("cert", certKey, "aud", "kbs", "time", (now + 59) * 1_000_000_000L))).startsWith("[true,");
        // a secret for an RSA token, another key: invalid
        assertThat(decodeVerify(good, Map.of("secret", "s", "aud", "kbs"))).isEqualTo(invalid);
        assertThat(decodeVerify(good, Map.of("aud", "kbs", "cert", pem(new RSAKeyGenerator(2048).generate().toRSAPublicKey()))))
                .isEqualTo(invalid);
        assertThat(decodeVerify(hs("HS256", "HmacSHA256", "{\"sub\":\"a\"}", "s"), Map.of("secret", "s")))
                .isEqualTo("[true,{\"alg\":\"HS256\",\"typ\":\"JWT\"},{\"sub\":\"a\"}]");
        assertThat(decodeVerify("garbage", Map.of("secret", "s"))).isEqualTo(invalid);
        // constraints OPA does not know, or neither key: an error
        var strict = RegoEngine.builder().strictBuiltinErrors(true).build();
        assertThatThrownBy(() -> strict.compile("package t\nx := io.jwt.decode_verify(\"a.b.c\", {\"secret\": \"s\", \"bogus\": 1})")
                .evaluate("data.t.x", null, null))
                .isInstanceOfSatisfying(RegoException.class, e -> assertThat(e.code()).isEqualTo("eval_builtin_error"))
                .hasMessageContaining("unknown token validation constraint");
        assertThatThrownBy(() -> strict.compile("package t\nx := io.jwt.decode_verify(\"a.b.c\", {})")
                .evaluate("data.t.x", null, null))
                .isInstanceOf(RegoException.class);
    }

    @Test
    void encodeSignMakesTokensTheVerifiersAccept() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
        var input = new TreeMap<Value, Value>();
        input.put(str("rsa"), Json.parse(rsa.toJSONString()));
        input.put(str("ec"), Json.parse(ec.toJSONString()));
        input.put(str("rsaPub"), str(pem(rsa.toRSAPublicKey())));
        input.put(str("ecPub"), str(pem(ec.toECPublicKey())));
        String checks = eval("""
                [io.jwt.verify_rs256(io.jwt.encode_sign({"alg": "RS256"}, {"sub": "a"}, input.rsa), input.rsaPub),
                 io.jwt.verify_ps512(io.jwt.encode_sign({"alg": "PS512"}, {"sub": "a"}, input.rsa), input.rsaPub),
                 io.jwt.verify_es256(io.jwt.encode_sign({"alg": "ES256"}, {"sub": "a"}, input.ec), input.ecPub),
                 io.jwt.verify_hs256(io.jwt.encode_sign_raw(`{"alg":"HS256"}`, "{}", `{"kty":"oct","k":"NDI"}`), "42"),
                 io.jwt.decode(io.jwt.encode_sign({"alg": "HS256", "typ": "JWT"}, {"n": 1}, {"kty": "oct", "k": "NDI"}))[1]]""", new ObjectValue(input));
        assertThat(checks).isEqualTo("[true,true,true,true,{\"n\":1}]");
        // a public key cannot sign; an alg the key does not serve is refused
        assertThat(eval("io.jwt.encode_sign({\"alg\": \"RS256\"}, {}, " + rsa.toPublicJWK().toJSONString() + ")", null))
                .isEqualTo("undefined");
        assertThat(eval("io.jwt.encode_sign({\"alg\": \"ES256\"}, {}, input.rsa)", new ObjectValue(input)))
                .isEqualTo("undefined");
    }

    @Test
    void decodeGivesTheInnermostTokenOfANestedJwt() {
        // RFC 7519 §5.2: cty "JWT" says the payload is itself a token; OPA's io.jwt.decode reports the inner one
        String module = """
                package t
                key := {"kty": "oct", "k": "NDI"}
                inner := io.jwt.encode_sign({"alg": "HS256", "typ": "JWT"}, {"sub": "a"}, key)
                quoted := io.jwt.encode_sign_raw(`{"alg":"HS256","cty":"JWT"}`, json.marshal(inner), json.marshal(key))
                bare := io.jwt.encode_sign_raw(`{"alg":"HS256","typ":"text/plain","cty":"JWT"}`, inner, json.marshal(key))
                twice := io.jwt.encode_sign_raw(`{"alg":"HS256","cty":"jwt"}`, json.marshal(quoted), json.marshal(key))
                same := [io.jwt.decode(t) == io.jwt.decode(inner) | t := [quoted, bare, twice][_]]
                payload := io.jwt.decode(twice)[1]
                """;
        assertThat(Rego.eval(module, "data.t.same")).isEqualTo("[true,true,true]");
        assertThat(Rego.eval(module, "data.t.payload")).isEqualTo("{\"sub\":\"a\"}");
    }

    @Test
    void decodeVerifyChecksEveryLevelOfANestedJwt() {
        // each token of a nested JWT must be signed with the key; the claims given and checked are the innermost's
        String module = """
                package t
                key := {"kty": "oct", "k": "NDI"}
                other := {"kty": "oct", "k": "NDM"}
                inner := io.jwt.encode_sign({"alg": "HS256", "typ": "JWT"}, {"iss": "a"}, key)
                foreign := io.jwt.encode_sign({"alg": "HS256", "typ": "JWT"}, {"iss": "a"}, other)
                wrap(t, k) := io.jwt.encode_sign_raw(`{"alg":"HS256","cty":"JWT"}`, json.marshal(t), json.marshal(k))
                ok := io.jwt.decode_verify(wrap(inner, key), {"secret": "42", "iss": "a"})
                inner_forged := io.jwt.decode_verify(wrap(foreign, key), {"secret": "42"})[0]
                outer_forged := io.jwt.decode_verify(wrap(inner, other), {"secret": "42"})[0]
                """;
        assertThat(Rego.eval(module, "data.t.ok")).isEqualTo("[true,{\"alg\":\"HS256\",\"typ\":\"JWT\"},{\"iss\":\"a\"}]");
        assertThat(Rego.eval(module, "data.t.inner_forged")).isEqualTo("false");
        assertThat(Rego.eval(module, "data.t.outer_forged")).isEqualTo("false");
    }

    @Test
    void encodeSignRawSignsAnyTextWhenTheMediaTypeIsNotJwt() {
        // OPA's reference: the payload must be JSON for a JWT (no typ, or typ JWT), not for another media type
        String module = """
                package t
                key := `{"kty":"oct","k":"NDI"}`
                plain := io.jwt.encode_sign_raw(`{"alg":"HS256","typ":"text/plain"}`, "e", key)
                empty := io.jwt.encode_sign_raw(`{"alg":"HS256","typ":"text/plain"}`, "", key)
                jwt := io.jwt.encode_sign_raw(`{"alg":"HS256"}`, "e", key)
                ok := [io.jwt.verify_hs256(plain, "42"), io.jwt.verify_hs256(empty, "42")]
                """;
        assertThat(Rego.eval(module, "data.t.ok")).isEqualTo("[true,true]");
        assertThat(Rego.eval(module, "data.t.plain")).contains(".ZQ.");
        assertThat(Rego.eval(module, "data.t.empty")).contains("..");
        assertThat(Rego.eval(module, "data.t.jwt")).isEqualTo("undefined");
    }

    @Test
    void decodeVerifyRefusesATimeClaimThatIsNotANumber() throws Exception {
        var strict = RegoEngine.builder().strictBuiltinErrors(true).build();
        assertThatThrownBy(() -> strict.compile("""
                package t
                x := io.jwt.decode_verify(io.jwt.encode_sign({"alg": "HS256"}, {"exp": "soon"}, {"kty": "oct", "k": "NDI"}),
                    {"secret": "42"})""").evaluate("data.t.x", null, null))
                .isInstanceOfSatisfying(RegoException.class, e -> assertThat(e.code()).isEqualTo("eval_builtin_error"))
                .hasMessageContaining("exp value must be a number");
    }

    private static JWTClaimsSet claims(Map<String, Object> claims) throws Exception {
        return JWTClaimsSet.parse(new java.util.HashMap<>(claims));
    }

    private static String sign(JWSAlgorithm alg, com.nimbusds.jose.JWSSigner signer, JWTClaimsSet claims) throws Exception {
        var jwt = new SignedJWT(new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** An HMAC token with a secret of any length (Nimbus insists on 256 bits, OPA does not). */
    private static String hs(String alg, String mac, String payload, String secret) throws Exception {
        String input = Base64URL.encode("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + Base64URL.encode(payload);
        var m = Mac.getInstance(mac);
        m.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), mac));
        return input + "." + Base64URL.encode(m.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String verify(String function, String token, String key) {
        var input = new TreeMap<Value, Value>();
        input.put(str("t"), str(token));
        input.put(str("k"), str(key));
        return eval(function + "(input.t, input.k)", new ObjectValue(input));
    }

    private static String decodeVerify(String token, Map<String, Object> constraints) {
        var input = new TreeMap<Value, Value>();
        input.put(str("t"), str(token));
        input.put(str("c"), Value.fromJava(constraints));
        return eval("io.jwt.decode_verify(input.t, input.c)", new ObjectValue(input));
    }
}
