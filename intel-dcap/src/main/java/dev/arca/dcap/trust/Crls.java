package dev.arca.dcap.trust;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.pck.Certificates;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/** Decoding and signature checks of Intel's CRLs (Root CA CRL, PCK Platform/Processor CA CRLs). */
public final class Crls {

    private Crls() {
    }

    /**
     * Decodes a CRL as PCS and PCCS serve it: DER ({@code encoding=der}), hex of the DER (dcap-qvl collateral
     * files, some PCCS versions) or PEM.
     */
    public static X509CRL decode(byte[] bytes) throws DcapVerificationException {
        try {
            byte[] der = bytes;
            if (bytes.length > 0 && bytes[0] != 0x30) {
                String text = new String(bytes, StandardCharsets.US_ASCII).trim();
                if (text.startsWith("-----BEGIN X509 CRL-----")) {
                    String body = text.replace("-----BEGIN X509 CRL-----", "").replace("-----END X509 CRL-----", "");
                    der = Base64.getMimeDecoder().decode(body);
                } else {
                    der = HexFormat.of().parseHex(text.toLowerCase(Locale.ROOT));
                }
            }
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new DcapVerificationException(Reason.COLLATERAL_INVALID, "CRL is not a DER, hex or PEM X.509 CRL");
        }
    }

    /** Verifies the CRL's signature by the issuer certificate, which must be the CRL's named issuer. */
    public static VerifiedCrl verify(X509CRL crl, X509Certificate issuer, String item)
            throws DcapVerificationException {
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            throw new DcapVerificationException(Reason.COLLATERAL_INVALID, item + " is issued by "
                    + crl.getIssuerX500Principal().getName() + ", not by "
                    + Certificates.subjectCommonName(issuer).orElse("its expected CA"));
        }
        try {
            crl.verify(issuer.getPublicKey(), EcdsaP256.PROVIDER);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new DcapVerificationException(Reason.COLLATERAL_INVALID, item + " signature does not verify");
        }
        if (crl.getNextUpdate() == null) {
            throw new DcapVerificationException(Reason.COLLATERAL_INVALID, item + " has no nextUpdate");
        }
        return new VerifiedCrl(crl, Certificates.publicKeyPoint(issuer), new ValidityWindow(item,
                crl.getThisUpdate().toInstant(), crl.getNextUpdate().toInstant(), false));
    }
}
