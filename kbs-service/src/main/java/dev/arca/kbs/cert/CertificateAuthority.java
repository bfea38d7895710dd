package dev.arca.kbs.cert;

import dev.arca.model.admin.PemKeys;
import dev.arca.model.keys.KeyFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CA key and certificate the certificate plugin signs with: configured PEM files, or a P-256 CA generated once
 * into {@code ${arca.data-dir}/cert-ca/} (key readable by the owner only) and reused on every start. Replicas must be
 * given the same CA files, or each would sign with its own.
 */
public final class CertificateAuthority {

    private static final Logger log = LoggerFactory.getLogger(CertificateAuthority.class);
    static final Duration GENERATED_CA_VALIDITY = Duration.ofDays(3650);

    private final PrivateKey key;
    private final List<X509Certificate> chain;

    CertificateAuthority(PrivateKey key, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the CA certificate file holds no certificate");
        }
        this.key = key;
        this.chain = List.copyOf(chain);
    }

    public PrivateKey key() {
        return key;
    }

    public X509Certificate certificate() {
        return chain.getFirst();
    }

    /** The CA certificate and whatever chain followed it in its file. */
    public List<X509Certificate> chain() {
        return chain;
    }

    public static CertificateAuthority load(CertProperties properties, Path dataDir, Clock clock) throws IOException {
        if (properties.caKeyFile() != null) {
            return read(properties.caKeyFile(), properties.caCertFile());
        }
        Path dir = dataDir.resolve("cert-ca");
        Path keyFile = dir.resolve("ca-key.pem");
        Path certFile = dir.resolve("ca-cert.pem");
        if (Files.notExists(keyFile)) {
            generate(properties.caSubject(), keyFile, certFile, clock);
        }
        return read(keyFile, certFile);
    }

    static CertificateAuthority read(Path keyFile, Path certFile) throws IOException {
        PrivateKey key;
        try (Reader reader = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            key = switch (object) {
                case PrivateKeyInfo info -> converter.getPrivateKey(info);
                case PEMKeyPair pair -> converter.getKeyPair(pair).getPrivate();
                case null, default -> throw new IllegalStateException(keyFile + " holds no unencrypted private key");
            };
        }
        List<X509Certificate> chain = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(certFile, StandardCharsets.US_ASCII)))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof X509CertificateHolder holder) {
                    chain.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        } catch (CertificateException e) {
            throw new IllegalStateException(certFile + ": unreadable certificate: " + e.getMessage(), e);
        }
        CertificateAuthority ca = new CertificateAuthority(key, chain);
        if (ca.certificate().getBasicConstraints() < 0) {
            throw new IllegalStateException(certFile + " is not a CA certificate (basicConstraints CA:false)");
        }
        return ca;
    }

    private static void generate(String subject, Path keyFile, Path certFile, Clock clock) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            Instant now = clock.instant();
            X500Name name = new X500Name(subject);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(127, new SecureRandom()).add(BigInteger.ONE), Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(GENERATED_CA_VALIDITY)), name, keys.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            if (!KeyFiles.createOnce(keyFile, PemKeys.toPem(keys.getPrivate()).getBytes(StandardCharsets.US_ASCII))) {
                log.info("certificate CA {} was created concurrently; using it", keyFile);
                return;
            }
            Files.writeString(certFile, PemKeys.pem("CERTIFICATE", certificate.getEncoded()),
                    StandardCharsets.US_ASCII);
            log.info("generated the certificate plugin's CA ({}) in {}", subject, keyFile.getParent());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate the certificate CA", e);
        }
    }
}
