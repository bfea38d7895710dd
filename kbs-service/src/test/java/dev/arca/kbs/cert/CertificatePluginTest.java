package dev.arca.kbs.cert;

import dev.arca.kbs.testing.KbsHttp;
import dev.arca.kbs.testing.KbsIntegrationTest;
import dev.arca.kbs.testing.Rcar;
import dev.arca.kbs.testing.SampleGuest;
import dev.arca.model.admin.PemKeys;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.JweResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.arca.kbs.testing.Rcar.problem;
import static org.assertj.core.api.Assertions.assertThat;

/** The certificate plugin with real CSRs (Bouncy Castle), real issuance and the JWE to the TEE key. */
class CertificatePluginTest extends KbsIntegrationTest {

    /** Tenant A's guests may obtain certificates for names under tenant-a.svc only. */
    static final String CERT_POLICY = ALLOW_SAMPLE + " && request.csr.dns.size() > 0"
            + " && request.csr.dns.all(d, d.endsWith(\".tenant-a.svc\")) && request.csr.ip.all(i, i.startsWith(\"10.\"))";

    final SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.P256);
    String token;

    @BeforeEach
    void attestedGuestAndPolicy() {
        setResourcePolicy(ALLOW_SAMPLE);
        String body = "{\"policy\":\"" + Base64s.url(CERT_POLICY.getBytes(StandardCharsets.UTF_8))
                + "\",\"binding\":\"cert:\"}";
        KbsHttp.Answer put = http.put("/kbs/v0/admin/resource-policies/certificates", body, "Authorization", admin());
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        token = Rcar.attestOk(http, Rcar.auth(http, Rcar.ALL_ALGORITHMS), guest);
    }

    static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static PKCS10CertificationRequest csr(KeyPair keys, String subject, GeneralName... names) throws Exception {
        JcaPKCS10CertificationRequestBuilder builder =
                new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic());
        if (names.length > 0) {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
        }
        String algorithm = keys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return builder.build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate()));
    }

    static String pem(PKCS10CertificationRequest csr) throws Exception {
        return PemKeys.pem("CERTIFICATE REQUEST", csr.getEncoded());
    }

    KbsHttp.Answer issue(byte[] body) {
        return http.post("/kbs/v0/cert/issue", body, "Authorization", "Bearer " + token,
                "Content-Type", "application/pkcs10");
    }

    List<X509Certificate> chain(KbsHttp.Answer answer) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        byte[] pem = guest.decrypt(Json.read(answer.body(), JweResponse.class));
        Collection<? extends java.security.cert.Certificate> certificates = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem));
        List<X509Certificate> chain = new ArrayList<>();
        certificates.forEach(c -> chain.add((X509Certificate) c));
        return chain;
    }

    @Test
    void anAttestedGuestGetsAShortLivedCertificateForItsCsr() throws Exception {
        KeyPair keys = p256();
        PKCS10CertificationRequest request = csr(keys, "CN=web,O=tenant-a",
                new GeneralName(GeneralName.dNSName, "web.tenant-a.svc"),
                new GeneralName(GeneralName.iPAddress, "10.0.0.7"));
        List<X509Certificate> chain = chain(issue(pem(request).getBytes(StandardCharsets.US_ASCII)));

        assertThat(chain).hasSize(2);
        X509Certificate leaf = chain.get(0);
        X509Certificate ca = chain.get(1);
        leaf.verify(ca.getPublicKey());
        leaf.checkValidity();
        assertThat(leaf.getPublicKey()).isEqualTo(keys.getPublic());
        // exactly the requested subject, RDN for RDN
        assertThat(leaf.getSubjectX500Principal())
                .isEqualTo(new javax.security.auth.x500.X500Principal(request.getSubject().getEncoded()));
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        List<Object> names = new ArrayList<>();
        leaf.getSubjectAlternativeNames().forEach(name -> names.add(name.get(1)));
        assertThat(names).containsExactlyInAnyOrder("web.tenant-a.svc", "10.0.0.7");
        assertThat(leaf.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(leaf.getKeyUsage()[0]).isTrue();
        Duration life = Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
        assertThat(life).isEqualTo(Duration.ofHours(24).plus(CertificateIssuer.BACKDATE));

        // DER works too, and every issuance gets its own serial
        List<X509Certificate> again = chain(issue(request.getEncoded()));
        assertThat(again.get(0).getSerialNumber()).isNotEqualTo(leaf.getSerialNumber());
        assertThat(again.get(1)).isEqualTo(ca);
    }

    @Test
    void thePolicyConstrainsTheRequestedNames() throws Exception {
        KeyPair keys = p256();
        JsonNode denied = problem(issue(pem(csr(keys, "CN=web", new GeneralName(GeneralName.dNSName,
                "web.tenant-b.svc"))).getBytes(StandardCharsets.US_ASCII)), 403, "PolicyDeny");
        assertThat(denied.get("detail").asString()).isEqualTo("Access denied by policy");
        problem(issue(pem(csr(keys, "CN=web", new GeneralName(GeneralName.dNSName, "web.tenant-a.svc"),
                new GeneralName(GeneralName.iPAddress, "192.168.1.1"))).getBytes(StandardCharsets.US_ASCII)),
                403, "PolicyDeny");
        // a CN alone is not a DNS name the policy allowed
        problem(issue(pem(csr(keys, "CN=web.tenant-a.svc")).getBytes(StandardCharsets.US_ASCII)), 403, "PolicyDeny");
    }

    @Test
    void badRequestsAreRefusedBeforeAnythingIsSigned() throws Exception {
        problem(issue("not a csr".getBytes(StandardCharsets.US_ASCII)), 400, "InvalidRequest");
        problem(issue(new byte[0]), 400, "InvalidRequest");
        // a CSR whose signature does not match its content: the requester does not hold the key
        byte[] der = csr(p256(), "CN=web", new GeneralName(GeneralName.dNSName, "web.tenant-a.svc")).getEncoded();
        der[der.length - 5] ^= 0x01;
        problem(issue(der), 400, "InvalidRequest");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        JsonNode weak = problem(issue(pem(csr(rsa.generateKeyPair(), "CN=web",
                new GeneralName(GeneralName.dNSName, "web.tenant-a.svc"))).getBytes(StandardCharsets.US_ASCII)),
                400, "InvalidRequest");
        assertThat(weak.get("detail").asString()).contains("too weak");

        byte[] good = pem(csr(p256(), "CN=web", new GeneralName(GeneralName.dNSName, "web.tenant-a.svc")))
                .getBytes(StandardCharsets.US_ASCII);
        problem(http.post("/kbs/v0/cert/issue", good), 401, "TokenNotFound");
        problem(http.get("/kbs/v0/cert/issue", "Authorization", "Bearer " + token), 405, "InvalidRequest");
        problem(http.post("/kbs/v0/cert/other", good, "Authorization", "Bearer " + token), 400, "InvalidRequest");
    }
}
