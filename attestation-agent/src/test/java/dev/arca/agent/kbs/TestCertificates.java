package dev.arca.agent.kbs;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Throw-away TLS material for the HTTPS tests: a CA, a KBS certificate for 127.0.0.1, a self-signed one. */
public final class TestCertificates {

    public record Identity(KeyPair keys, X509Certificate certificate, X509Certificate issuer) {

        public String pem() throws Exception {
            StringWriter text = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
                writer.writeObject(certificate);
            }
            return text.toString();
        }

        /** A server context presenting this certificate (and its issuer, when it has one). */
        public SSLContext serverContext() throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            X509Certificate[] chain = issuer == null ? new X509Certificate[] {certificate}
                    : new X509Certificate[] {certificate, issuer};
            store.setKeyEntry("kbs", keys.getPrivate(), new char[0], chain);
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(store, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return context;
        }
    }

    private TestCertificates() {
    }

    static Identity ca(String name) throws Exception {
        KeyPair keys = keys();
        X509Certificate cert = certificate(name, keys, name, keys, true);
        return new Identity(keys, cert, null);
    }

    static Identity server(Identity ca) throws Exception {
        KeyPair keys = keys();
        return new Identity(keys, certificate("kbs", keys, subject(ca.certificate()), ca.keys(), false),
                ca.certificate());
    }

    public static Identity selfSignedServer() throws Exception {
        KeyPair keys = keys();
        return new Identity(keys, certificate("kbs-self-signed", keys, "kbs-self-signed", keys, false), null);
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName().substring("CN=".length());
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
            boolean ca) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuer),
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(1, ChronoUnit.HOURS)),
                Date.from(now.plus(1, ChronoUnit.DAYS)), new X500Name("CN=" + subject), subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (!ca) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName,
                    "localhost")}));
        }
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }
}
