package dev.arca.snp.cert;

import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.SnpVerificationException;
import dev.arca.snp.SnpVerificationException.Reason;
import dev.arca.snp.report.SigningKey;
import dev.arca.snp.report.TcbVersion;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;

/**
 * Reads a VCEK/VLEK and its AMD extensions (AMD pub. 57230 and the VLEK specification): under 1.3.6.1.4.1.3704.1,
 * .1 structVersion, .2 productName (IA5String), .3.1 blSPL, .3.2 teeSPL, .3.3 snpSPL, .3.8 ucodeSPL, .3.9 fmcSPL
 * (Turin), .4 hwID (VCEK), .5 csp_id (VLEK). The hwID is raw bytes in AMD's certificates (64, or 8 on Turin); some
 * certificates wrap it in a DER OCTET STRING, which is accepted too (as Trustee does).
 */
public final class EndorsementKeyParser {

    static final String AMD = "1.3.6.1.4.1.3704.1.";
    static final String STRUCT_VERSION = AMD + "1";
    static final String PRODUCT_NAME = AMD + "2";
    static final String BL_SPL = AMD + "3.1";
    static final String TEE_SPL = AMD + "3.2";
    static final String SNP_SPL = AMD + "3.3";
    static final String UCODE_SPL = AMD + "3.8";
    static final String FMC_SPL = AMD + "3.9";
    static final String HW_ID = AMD + "4";
    static final String CSP_ID = AMD + "5";

    private EndorsementKeyParser() {
    }

    /** Parses DER bytes (as the certificate table, the KDS and the offline directory deliver them). */
    public static EndorsementKey parse(byte[] der) throws SnpVerificationException {
        X509Certificate certificate = Certificates.der(der, "the VCEK/VLEK");
        return parse(certificate);
    }

    public static EndorsementKey parse(X509Certificate certificate) throws SnpVerificationException {
        SigningKey kind = kind(certificate);
        String product = string(certificate, PRODUCT_NAME, "productName");
        ProcessorGeneration generation = ProcessorGeneration.fromProductName(product).orElseThrow(
                () -> malformed("the " + kind + " names an unknown product '" + product + "'"));
        int structVersion = integer(certificate, STRUCT_VERSION, "structVersion");
        int fmc = 0;
        if (generation.turinLayout()) {
            fmc = spl(certificate, FMC_SPL, "fmcSPL");
        }
        TcbVersion tcb = TcbVersion.of(generation, fmc, spl(certificate, BL_SPL, "blSPL"),
                spl(certificate, TEE_SPL, "teeSPL"), spl(certificate, SNP_SPL, "snpSPL"),
                spl(certificate, UCODE_SPL, "ucodeSPL"));
        byte[] hwId = kind == SigningKey.VCEK ? hwId(certificate, generation) : new byte[0];
        Optional<String> cspId = kind == SigningKey.VLEK && certificate.getExtensionValue(CSP_ID) != null
                ? Optional.of(string(certificate, CSP_ID, "csp_id"))
                : Optional.empty();
        P384PublicKey key;
        try {
            key = P384PublicKey.of(certificate.getPublicKey());
        } catch (IllegalArgumentException e) {
            throw malformed("the " + kind + " key: " + e.getMessage());
        }
        try {
            return new EndorsementKey(certificate, certificate.getEncoded(), kind, product, generation, structVersion,
                    tcb, hwId, cspId, key);
        } catch (CertificateEncodingException e) {
            throw malformed("the " + kind + " cannot be encoded");
        }
    }

    private static SigningKey kind(X509Certificate certificate) throws SnpVerificationException {
        String name = Certificates.commonName(certificate).orElse("");
        for (SigningKey kind : SigningKey.values()) {
            if (kind.commonName().equals(name)) {
                return kind;
            }
        }
        throw malformed("the certificate is neither a VCEK nor a VLEK (subject CN '" + name + "', expected SEV-VCEK"
                + " or SEV-VLEK)");
    }

    private static byte[] hwId(X509Certificate certificate, ProcessorGeneration generation)
            throws SnpVerificationException {
        byte[] value = extension(certificate, HW_ID, "hwID");
        if (value.length == generation.hwIdLength()) {
            return value;
        }
        try {
            if (ASN1Primitive.fromByteArray(value) instanceof ASN1OctetString octets
                    && octets.getOctets().length == generation.hwIdLength()) {
                return octets.getOctets();
            }
        } catch (java.io.IOException | RuntimeException e) {
            // fall through: neither encoding
        }
        throw malformed("the VCEK hwID is neither " + generation.hwIdLength() + " raw bytes nor a DER OCTET STRING of"
                + " that length (" + generation + ")");
    }

    private static int spl(X509Certificate certificate, String oid, String name) throws SnpVerificationException {
        int value = integer(certificate, oid, name);
        if (value > 255) {
            throw malformed("the certificate's " + name + " " + value + " does not fit a TCB byte");
        }
        return value;
    }

    private static int integer(X509Certificate certificate, String oid, String name) throws SnpVerificationException {
        ASN1Primitive value = primitive(certificate, oid, name);
        if (value instanceof ASN1Integer integer) {
            BigInteger number = integer.getValue();
            if (number.signum() >= 0 && number.bitLength() < 31) {
                return number.intValue();
            }
        }
        throw malformed("the certificate's " + name + " extension is not a small non-negative INTEGER");
    }

    private static String string(X509Certificate certificate, String oid, String name)
            throws SnpVerificationException {
        ASN1Primitive value = primitive(certificate, oid, name);
        if (value instanceof ASN1String text) {
            return text.getString();
        }
        throw malformed("the certificate's " + name + " extension is not a string");
    }

    private static ASN1Primitive primitive(X509Certificate certificate, String oid, String name)
            throws SnpVerificationException {
        try {
            return ASN1Primitive.fromByteArray(extension(certificate, oid, name));
        } catch (java.io.IOException | RuntimeException e) {
            throw malformed("the certificate's " + name + " extension is not DER");
        }
    }

    /** The extension's value octets (inside the extnValue OCTET STRING). */
    private static byte[] extension(X509Certificate certificate, String oid, String name)
            throws SnpVerificationException {
        byte[] wrapped = certificate.getExtensionValue(oid);
        if (wrapped == null) {
            throw malformed("the certificate lacks the " + name + " extension (" + oid + ")");
        }
        try {
            return ASN1OctetString.getInstance(wrapped).getOctets();
        } catch (RuntimeException e) {
            throw malformed("the certificate's " + name + " extension is not an OCTET STRING");
        }
    }

    private static SnpVerificationException malformed(String message) {
        return new SnpVerificationException(Reason.MALFORMED, message);
    }
}
