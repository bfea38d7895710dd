package dev.arca.snp;

import dev.arca.model.testing.Corpus;
import dev.arca.snp.cert.Certificates;
import dev.arca.snp.kds.CertificateSource;
import dev.arca.snp.kds.KdsRequest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the AMD part of the real-evidence corpus (vectors MANIFEST §5 and §6) in place; nothing is copied.
 * {@link #amdCertificates()} serves the ASK/ARK/ASVK bundles that Trustee ships as a stand-in for AMD's KDS.
 */
final class AmdVectors {

    /** Inside every §5/§6 certificate's validity, the AWS VLEK included (MANIFEST: "pin to 2025-06-01"). */
    static final Instant PINNED = Instant.parse("2025-06-01T00:00:00Z");
    /** The corpus's assembly date: the AWS VLEK has expired by then. */
    static final Instant ASSEMBLED = Instant.parse("2026-11-26T00:00:00Z");

    private AmdVectors() {
    }

    static byte[] bytes(String relative) {
        return Corpus.bytes(relative);
    }

    static byte[] hexFile(String relative) {
        return HexFormat.of().parseHex(Corpus.text(relative).strip());
    }

    static byte[] base64Url(String text) {
        return Base64.getUrlDecoder().decode(text);
    }

    /** The bundle of a generation: ASK, ARK, ASVK (Trustee's order). */
    static List<X509Certificate> bundle(ProcessorGeneration generation) throws SnpVerificationException {
        return Certificates.all(Corpus.bytes("amd-certs/trustee_" + generation.productName().toLowerCase()
                + "_ask_ark_asvk.pem"), "bundle");
    }

    /** cert_chain requests answered from Trustee's bundles (the ARK and both intermediates; the verifier picks). */
    static CertificateSource amdCertificates() {
        return request -> {
            if (request instanceof KdsRequest.CertChain chain) {
                return Corpus.bytes("amd-certs/trustee_" + chain.generation().productName().toLowerCase()
                        + "_ask_ark_asvk.pem");
            }
            throw new SnpVerificationException(SnpVerificationException.Reason.CERTIFICATES_UNAVAILABLE,
                    "not in the corpus: " + request.path());
        };
    }

    static SnpVerifier verifier() {
        return SnpVerifier.forSource(amdCertificates());
    }
}
