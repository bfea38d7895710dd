package dev.arca.admin.kbs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS context that trusts only the CA certificates of one PEM file (--kbs-cert): the JDK's PKIX trust manager and
 * the HTTP client's host-name check do the verifying.
 */
public final class TrustedCertificates {

    private TrustedCertificates() {
    }

    public static SSLContext sslContext(Path pemFile) throws AdminCallException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pemFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException e) {
            throw new AdminCallException("cannot read --kbs-cert " + pemFile + ": no such file");
        } catch (IOException e) {
            throw new AdminCallException("cannot read --kbs-cert " + pemFile + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new AdminCallException("--kbs-cert " + pemFile + " holds no PEM certificate: " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new AdminCallException("--kbs-cert " + pemFile + " holds no PEM certificate");
        }
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new AdminCallException("cannot set up TLS with --kbs-cert " + pemFile + ": " + e.getMessage());
        }
    }
}
