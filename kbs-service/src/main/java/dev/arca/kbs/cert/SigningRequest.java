package dev.arca.kbs.cert;

import dev.arca.kbs.error.KbsException;
import dev.arca.model.error.KbsErrorType;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * A PKCS#10 certificate signing request (RFC 2986), PEM or DER, checked before anything is signed: its self-signature
 * proves possession of the key, the key is strong enough (RSA ≥ 2048, EC P-256/384/521, Ed25519), and it names
 * something (a CN or a subjectAltName). Only the subject and the SAN entries DNS, IP, URI and e-mail are carried into
 * a certificate; every other requested extension is ignored.
 *
 * @param subject the subject as RFC 4514 text
 * @param cn      the first common name, or ""
 * @param dns     requested DNS names
 * @param ip      requested IP addresses (textual)
 * @param uri     requested URIs
 * @param email   requested e-mail addresses
 * @param names   the requested subjectAltName, to copy into the certificate (null when none)
 * @param x500    the subject as requested
 * @param key     the public key to certify
 */
public record SigningRequest(String subject, String cn, List<String> dns, List<String> ip, List<String> uri,
        List<String> email, GeneralNames names, X500Name x500, PublicKey key) {

    /** Anything longer is not a CSR a guest needs to send. */
    static final int MAX_BYTES = 64 * 1024;

    public static SigningRequest parse(byte[] body) {
        if (body.length == 0 || body.length > MAX_BYTES) {
            throw invalid("the body must be a PKCS#10 certificate signing request (PEM or DER) of at most "
                    + MAX_BYTES + " bytes");
        }
        JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(decode(body));
        PublicKey key;
        try {
            key = csr.getPublicKey();
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()))) {
                throw invalid("the CSR's signature does not verify with its key");
            }
        } catch (PKCSException | java.security.GeneralSecurityException
                | org.bouncycastle.operator.OperatorCreationException | RuntimeException e) {
            if (e instanceof KbsException kbs) {
                throw kbs;
            }
            throw invalid("the CSR's key or signature is unusable");
        }
        requireStrong(key);
        X500Name subject = csr.getSubject();
        GeneralNames names = requestedNames(csr);
        List<String> dns = new ArrayList<>();
        List<String> ip = new ArrayList<>();
        List<String> uri = new ArrayList<>();
        List<String> email = new ArrayList<>();
        if (names != null) {
            for (GeneralName name : names.getNames()) {
                switch (name.getTagNo()) {
                    case GeneralName.dNSName -> dns.add(ASN1IA5String.getInstance(name.getName()).getString());
                    case GeneralName.uniformResourceIdentifier ->
                            uri.add(ASN1IA5String.getInstance(name.getName()).getString());
                    case GeneralName.rfc822Name -> email.add(ASN1IA5String.getInstance(name.getName()).getString());
                    case GeneralName.iPAddress -> ip.add(address(ASN1OctetString.getInstance(name.getName())));
                    default -> throw invalid("the CSR requests a subjectAltName of a kind the KBS does not issue "
                            + "(DNS, IP, URI and e-mail only)");
                }
            }
        }
        String cn = "";
        RDN[] cns = subject.getRDNs(BCStyle.CN);
        if (cns.length > 0) {
            cn = IETFUtils.valueToString(cns[0].getFirst().getValue());
        }
        if (cn.isEmpty() && dns.isEmpty() && ip.isEmpty() && uri.isEmpty() && email.isEmpty()) {
            throw invalid("the CSR names nothing: give it a CN or a subjectAltName");
        }
        return new SigningRequest(subject.toString(), cn, List.copyOf(dns), List.copyOf(ip), List.copyOf(uri),
                List.copyOf(email), names, subject, key);
    }

    /** What the resource policy sees as {@code request.csr}. */
    public Map<String, Object> toPolicy() {
        Map<String, Object> csr = new LinkedHashMap<>();
        csr.put("subject", subject);
        csr.put("cn", cn);
        csr.put("dns", dns);
        csr.put("ip", ip);
        csr.put("uri", uri);
        csr.put("email", email);
        csr.put("key_type", keyType(key));
        return csr;
    }

    private static PKCS10CertificationRequest decode(byte[] body) {
        try {
            String text = new String(body, StandardCharsets.US_ASCII);
            if (text.contains("-----BEGIN")) {
                try (PEMParser parser = new PEMParser(new StringReader(text))) {
                    Object object = parser.readObject();
                    if (object instanceof PKCS10CertificationRequest csr) {
                        return csr;
                    }
                    throw invalid("the PEM body is not a CERTIFICATE REQUEST");
                }
            }
            return new PKCS10CertificationRequest(body);
        } catch (IOException | RuntimeException e) {
            if (e instanceof KbsException kbs) {
                throw kbs;
            }
            throw invalid("the body is not a PKCS#10 certificate signing request (PEM or DER)");
        }
    }

    private static GeneralNames requestedNames(PKCS10CertificationRequest csr) {
        for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            for (ASN1Encodable value : attribute.getAttributeValues()) {
                Extensions extensions = Extensions.getInstance(value);
                GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
                if (names != null) {
                    return names;
                }
            }
        }
        return null;
    }

    private static String address(ASN1OctetString octets) {
        try {
            return InetAddress.getByAddress(octets.getOctets()).getHostAddress();
        } catch (UnknownHostException e) {
            throw invalid("the CSR requests a malformed IP address");
        }
    }

    private static void requireStrong(PublicKey key) {
        switch (key) {
            case RSAPublicKey rsa when rsa.getModulus().bitLength() >= 2048 -> { }
            case ECPublicKey ec when ec.getParams().getCurve().getField().getFieldSize() >= 256 -> { }
            case EdECPublicKey ed -> { }
            default -> throw invalid("the CSR's key is too weak or of an unsupported type (RSA >= 2048 bits, "
                    + "EC P-256/P-384/P-521, Ed25519)");
        }
    }

    static String keyType(PublicKey key) {
        return switch (key) {
            case RSAPublicKey rsa -> "RSA";
            case ECPublicKey ec -> "EC";
            case EdECPublicKey ed -> "Ed25519";
            default -> key.getAlgorithm();
        };
    }

    private static KbsException invalid(String detail) {
        return new KbsException(KbsErrorType.InvalidRequest, detail);
    }
}
