package dev.arca.snp.cert;

import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.report.SigningKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Picks the ARK and the ASK or ASVK of a generation out of a set of AMD CA certificates by their subject common names
 * (ARK-{product}, SEV-{product}, SEV-VLEK-{product}; AMD pub. 57230). The order they came in does not matter: the KDS
 * serves ASK‖ARK, Trustee's bundles are ASK‖ARK‖ASVK, a certificate table has one entry per certificate.
 */
public final class CaCertificates {

    private CaCertificates() {
    }

    public static String arkName(ProcessorGeneration generation) {
        return "ARK-" + generation.productName();
    }

    public static String intermediateName(ProcessorGeneration generation, SigningKey kind) {
        return (kind == SigningKey.VCEK ? "SEV-" : "SEV-VLEK-") + generation.productName();
    }

    public static Optional<X509Certificate> ark(List<X509Certificate> certificates, ProcessorGeneration generation) {
        return named(certificates, arkName(generation));
    }

    public static Optional<X509Certificate> intermediate(List<X509Certificate> certificates,
            ProcessorGeneration generation, SigningKey kind) {
        return named(certificates, intermediateName(generation, kind));
    }

    private static Optional<X509Certificate> named(List<X509Certificate> certificates, String name) {
        return certificates.stream()
                .filter(certificate -> Certificates.commonName(certificate).filter(name::equals).isPresent())
                .findFirst();
    }
}
