package dev.arca.rego;

import static dev.arca.rego.TestPem.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.rego.value.Json;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code crypto.parse_private_keys}, {@code crypto.x509.parse_keypair} and {@code
 * crypto.x509.parse_and_verify_certificates_with_options} on keys and certificates made in the test; expected values
 * come from the JDK's view of the same keys.
 */
class PrivateKeyAndChainOptionsTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final RegoEngine ENGINE = RegoEngine.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

    private static KeyPair rsa;
    private static KeyPair ec;
    private static KeyPair ed;
    private static KeyPair rootKey;
    private static X509Certificate root;
    private static X509Certificate serverLeaf;
    private static X509Certificate clientLeaf;

    @BeforeAll
    static void keys() throws Exception {
        var rsaGen = KeyPairGenerator.getInstance("RSA");
        rsaGen.initialize(2048);
        rsa = rsaGen.generateKeyPair();
        // Bouncy Castle writes SEC1 keys with their curve and public key, as OpenSSL does (the JDK's lack both)
        var ecGen = KeyPairGenerator.getInstance("EC", new org.bouncycastle.jce.provider.BouncyCastleProvider());
        ecGen.initialize(256);
        ec = ecGen.generateKeyPair();
        ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        rootKey = ecGen.generateKeyPair();
        root = cert("CN=Root", rootKey, "CN=Root", rootKey, true, null, null);
        serverLeaf = cert("CN=server", ec, "CN=Root", rootKey, false, "*.svc.example", KeyPurposeId.id_kp_serverAuth);
        clientLeaf = cert("CN=client", rsa, "CN=Root", rootKey, false, "client.example", KeyPurposeId.id_kp_clientAuth);
    }

    private static X509Certificate cert(String subject, KeyPair key, String issuer, KeyPair issuerKey, boolean ca,
            String dns, KeyPurposeId usage) throws Exception {
        var b = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(System.nanoTime()),
                Date.from(NOW.minus(1, ChronoUnit.DAYS)), Date.from(NOW.plus(30, ChronoUnit.DAYS)),
                new X500Name(subject), key.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (dns != null) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, dns)));
        }
        if (usage != null) {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usage));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
    }

    private static String eval(String expression, Value input) {
        return ENGINE.compile("package t\nx := " + expression).evaluate("data.t.x", input, null)
                .map(Json::write).orElse("undefined");
    }

    private static Value str(String s) {
        return new StringValue(s);
    }

    @Test
    void parsePrivateKeysGivesGoShapedKeysOfEveryKeyBlock() throws Exception {
        // PKCS#1 RSA, SEC1 EC, PKCS#8 Ed25519, and a certificate that is skipped
        String text = pem(rsa.getPrivate(), serverLeaf, ec.getPrivate(), new JcaPKCS8Generator(ed.getPrivate(), null));
        var crt = (RSAPrivateCrtKey) rsa.getPrivate();
        assertThat(eval("[k.N, k.E, k.Primes[0], k.Precomputed.Qinv, k.Precomputed.CRTValues] if k := crypto.parse_private_keys(input)[0]", str(text)))
                .isEqualTo("[" + crt.getModulus() + "," + crt.getPublicExponent() + "," + crt.getPrimeP() + ","
                        + crt.getCrtCoefficient() + ",[]]");
        var ecPublic = ((ECPublicKey) ec.getPublic()).getW();
        assertThat(eval("crypto.parse_private_keys(input)[1]", str(text))).isEqualTo("{\"Curve\":{},\"D\":"
                + ((ECPrivateKey) ec.getPrivate()).getS() + ",\"X\":" + ecPublic.getAffineX() + ",\"Y\":" + ecPublic.getAffineY() + "}");
        byte[] edPublic = ed.getPublic().getEncoded();
        String edKey = Json.parse(eval("crypto.parse_private_keys(input)[2]", str(text))).toJava().toString();
        byte[] both = Base64.getDecoder().decode(edKey);
        assertThat(both).hasSize(64);
        assertThat(java.util.Arrays.copyOfRange(both, 32, 64)).isEqualTo(java.util.Arrays.copyOfRange(edPublic, 12, 44));
        assertThat(eval("count(crypto.parse_private_keys(input))", str(text))).isEqualTo("3");
    }

    @Test
    void parsePrivateKeysOfNothing() throws Exception {
        assertThat(eval("crypto.parse_private_keys(\"\")", null)).isEqualTo("null");
        assertThat(eval("crypto.parse_private_keys(input)", str(pem(root)))).isEqualTo("[]");
        // base64 of the PEM text is read as the PEM text
        String b64 = Base64.getEncoder().encodeToString(pem(ec.getPrivate()).getBytes());
        assertThat(eval("count(crypto.parse_private_keys(input))", str(b64))).isEqualTo("1");
    }

    @Test
    void parseKeypairGivesGoTlsCertificate() throws Exception {
        Value input = Json.parse("{\"c\": " + Json.write(str(pem(serverLeaf, root))) + ", \"k\": "
                + Json.write(str(pem(ec.getPrivate()))) + "}");
        assertThat(eval("[count(p.Certificate), p.Leaf.Subject.CommonName, object.keys(p)] if p := crypto.x509.parse_keypair(input.c, input.k)", input))
                .isEqualTo("[2,\"server\",[\"Certificate\",\"Leaf\",\"OCSPStaple\",\"PrivateKey\",\"SignedCertificateTimestamps\",\"SupportedSignatureAlgorithms\"]]");
        assertThat(eval("crypto.x509.parse_keypair(input.c, input.k).Certificate[0]", input))
                .isEqualTo("\"" + Base64.getEncoder().encodeToString(serverLeaf.getEncoded()) + "\"");
        assertThat(eval("object.get(crypto.x509.parse_keypair(input.c, input.k).Leaf, \"URIStrings\", \"none\")", input)).isEqualTo("\"none\"");
        assertThat(eval("crypto.x509.parse_keypair(input.c, input.k).PrivateKey.D", input))
                .isEqualTo(((ECPrivateKey) ec.getPrivate()).getS().toString());
    }

    @Test
    void parseKeypairRefusesAKeyOfAnotherCertificate() throws Exception {
        Value input = Json.parse("{\"c\": " + Json.write(str(pem(serverLeaf))) + ", \"k\": " + Json.write(str(pem(rsa.getPrivate()))) + "}");
        assertThat(eval("crypto.x509.parse_keypair(input.c, input.k)", input)).isEqualTo("undefined");
        var strict = RegoEngine.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).strictBuiltinErrors(true).build();
        assertThatThrownBy(() -> strict.compile("package t\nx := crypto.x509.parse_keypair(input.c, input.k)\n")
                .evaluate("data.t.x", input, null)).isInstanceOf(RegoException.class).hasMessageContaining("does not match");
    }

    @Test
    void verifyWithOptionsChecksHostUsageAndTime() throws Exception {
        Value server = str(pem(root, serverLeaf));
        Value client = str(pem(root, clientLeaf));
        // Go's default usage is server authentication
        assertThat(eval("crypto.x509.parse_and_verify_certificates_with_options(input, {})[0]", server)).isEqualTo("true");
        assertThat(eval("crypto.x509.parse_and_verify_certificates_with_options(input, {})[0]", client)).isEqualTo("false");
        assertThat(eval("crypto.x509.parse_and_verify_certificates_with_options(input, {\"KeyUsages\": [\"KeyUsageClientAuth\"]})[0]", client)).isEqualTo("true");
        assertThat(eval("crypto.x509.parse_and_verify_certificates_with_options(input, {\"KeyUsages\": [\"KeyUsageAny\"]})[0]", client)).isEqualTo("true");
        // the leaf's wildcard covers one label, no more
        assertThat(eval("crypto.x509.parse_and_verify_certificates_with_options(input, {\"DNSName\": \"a.svc.example\"})[0]", server)).isEqualTo("true");
        assertThat(eval("crypto.x509.parse_and_verify_certificates_with_options(input, {\"DNSName\": \"a.b.svc.example\"})", server)).isEqualTo("[false,[]]");
        // the chain, leaf first, as parse_and_verify_certificates gives it
        assertThat(eval("[c.Subject.CommonName | some c in crypto.x509.parse_and_verify_certificates_with_options(input, {\"MaxConstraintComparisons\": 10})[1]]", server))
                .isEqualTo("[\"server\",\"Root\"]");
        long later = NOW.plus(60, ChronoUnit.DAYS).getEpochSecond() * 1_000_000_000L;
        assertThat(eval("crypto.x509.parse_and_verify_certificates_with_options(input, {\"CurrentTime\": " + later + "})[0]", server)).isEqualTo("false");
    }

    @Test
    void verifyWithOptionsRefusesUnknownOptions() throws Exception {
        Value server = str(pem(root, serverLeaf));
        assertThat(eval("crypto.x509.parse_and_verify_certificates_with_options(input, {\"DNSname\": \"x\"})", server)).isEqualTo("undefined");
        assertThat(eval("crypto.x509.parse_and_verify_certificates_with_options(input, {\"KeyUsages\": [\"ServerAuth\"]})", server)).isEqualTo("undefined");
    }
}
