package dev.arca.attestation.verifier.tpm;

import dev.arca.tpm.TpmQuoteVerifier;
import dev.arca.tpm.ak.AkTrust;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code tpm} verifier's AK trust, read once at startup from {@code arca.as.tpm.*}. */
@Configuration(proxyBeanMethods = false)
class TpmConfiguration {

    @Bean
    TpmQuoteVerifier tpmQuoteVerifier(TpmProperties properties) {
        List<X509Certificate> roots = new ArrayList<>();
        for (Path file : properties.akRoots()) {
            roots.addAll(readCertificates(file));
        }
        return new TpmQuoteVerifier(new AkTrust(roots, properties.trustedAkSha256(), properties.acceptUnknownAks()));
    }

    private static List<X509Certificate> readCertificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .forEach(c -> certificates.add((X509Certificate) c));
            if (certificates.isEmpty()) {
                throw new IllegalStateException("arca.as.tpm.ak-roots: " + file + " holds no certificate");
            }
            return certificates;
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("arca.as.tpm.ak-roots: cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
