package dev.arca.snp.cert;

import dev.arca.snp.SnpVerificationException;
import dev.arca.snp.SnpVerificationException.Reason;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * The one signature scheme of AMD's certificate hierarchy (AMD pub. 57230, "Certificate Signatures"): RSASSA-PSS with
 * SHA-384, MGF1 with SHA-384, a 48-byte salt and trailer field 1. Anything else is refused before the JDK's verifier
 * (which would accept other PSS parameters the certificate names) runs.
 */
final class RsaPss {

    static final String OID = "1.2.840.113549.1.1.10";

    private RsaPss() {
    }

    static void requireSignedBy(X509Certificate certificate, X509Certificate issuer, String what)
            throws SnpVerificationException {
        requireParameters(certificate.getSigAlgOID(), certificate.getSigAlgParams(), what);
        try {
            certificate.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SnpVerificationException(Reason.CHAIN, what + " does not verify");
        }
    }

    static void requireSignedBy(X509CRL crl, X509Certificate issuer, String what) throws SnpVerificationException {
        requireParameters(crl.getSigAlgOID(), crl.getSigAlgParams(), what);
        try {
            crl.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SnpVerificationException(Reason.CHAIN, what + " does not verify");
        }
    }

    private static void requireParameters(String oid, byte[] encoded, String what) throws SnpVerificationException {
        if (!OID.equals(oid) || encoded == null) {
            throw new SnpVerificationException(Reason.CHAIN, what + " is not RSASSA-PSS (algorithm " + oid + ")");
        }
        PSSParameterSpec spec;
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("RSASSA-PSS");
            parameters.init(encoded);
            spec = parameters.getParameterSpec(PSSParameterSpec.class);
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            throw new SnpVerificationException(Reason.CHAIN, what + " has unreadable RSASSA-PSS parameters");
        }
        boolean sha384 = "SHA-384".equals(spec.getDigestAlgorithm())
                && "MGF1".equalsIgnoreCase(spec.getMGFAlgorithm())
                && spec.getMGFParameters() instanceof MGF1ParameterSpec mgf
                && "SHA-384".equals(mgf.getDigestAlgorithm());
        if (!sha384 || spec.getSaltLength() != 48 || spec.getTrailerField() != 1) {
            throw new SnpVerificationException(Reason.CHAIN, what + " uses RSASSA-PSS parameters other than SHA-384,"
                    + " MGF1-SHA-384, salt 48");
        }
    }
}
