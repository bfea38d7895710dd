package dev.arca.rego.builtin;

import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.NullValue;
import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.ObjectValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Certificates and certificate requests as OPA returns them: the JSON form of Go's {@code x509.Certificate} and
 * {@code x509.CertificateRequest} (field names, Go's enumeration numbers for algorithms and key usages, byte strings
 * in base64, absent lists as null). Fields Go fills from extensions the JDK does not decode (name constraints,
 * policies' qualifiers) are left out; every extension is still listed under {@code Extensions}.
 */
final class X509Json {
    /** Go's x509.SignatureAlgorithm numbers by signature OID. */
    private static final Map<String, Integer> SIGNATURE_ALGORITHMS = Map.ofEntries(
            Map.entry("1.2.840.113549.1.1.2", 1), Map.entry("1.2.840.113549.1.1.4", 2),
            Map.entry("1.2.840.113549.1.1.5", 3), Map.entry("1.2.840.113549.1.1.11", 4),
            Map.entry("1.2.840.113549.1.1.12", 5), Map.entry("1.2.840.113549.1.1.13", 6),
            Map.entry("1.2.840.10040.4.3", 7), Map.entry("2.16.840.1.101.3.4.3.2", 8),
            Map.entry("1.2.840.10045.4.1", 9), Map.entry("1.2.840.10045.4.3.2", 10),
            Map.entry("1.2.840.10045.4.3.3", 11), Map.entry("1.2.840.10045.4.3.4", 12),
            Map.entry("1.3.101.112", 16));
    /** Go's x509.ExtKeyUsage numbers by OID. */
    private static final Map<String, Integer> EXT_KEY_USAGES = Map.ofEntries(
            Map.entry("2.5.29.37.0", 0), Map.entry("1.3.6.1.5.5.7.3.1", 1), Map.entry("1.3.6.1.5.5.7.3.2", 2),
            Map.entry("1.3.6.1.5.5.7.3.3", 3), Map.entry("1.3.6.1.5.5.7.3.4", 4), Map.entry("1.3.6.1.5.5.7.3.5", 5),
            Map.entry("1.3.6.1.5.5.7.3.6", 6), Map.entry("1.3.6.1.5.5.7.3.7", 7), Map.entry("1.3.6.1.5.5.7.3.8", 8),
            Map.entry("1.3.6.1.5.5.7.3.9", 9));

    private X509Json() {
    }

    static Value certificate(X509Certificate c) {
        var o = new Obj();
        try {
            o.put("Raw", bytes(c.getEncoded()));
            o.put("RawTBSCertificate", bytes(c.getTBSCertificate()));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw BuiltinException.failed("certificate cannot be encoded");
        }
        o.put("RawSubjectPublicKeyInfo", bytes(c.getPublicKey().getEncoded()));
        o.put("RawSubject", bytes(c.getSubjectX500Principal().getEncoded()));
        o.put("RawIssuer", bytes(c.getIssuerX500Principal().getEncoded()));
        o.put("Signature", bytes(c.getSignature()));
        o.put("SignatureAlgorithm", num(signatureAlgorithm(c.getSigAlgOID(), c.getSigAlgParams())));
        o.put("PublicKeyAlgorithm", num(publicKeyAlgorithm(c.getPublicKey())));
        o.put("PublicKey", publicKey(c.getPublicKey()));
        o.put("Version", num(c.getVersion()));
        o.put("SerialNumber", new NumberValue(new BigDecimal(c.getSerialNumber())));
        o.put("Issuer", name(c.getIssuerX500Principal()));
        o.put("Subject", name(c.getSubjectX500Principal()));
        o.put("NotBefore", time(c.getNotBefore()));
        o.put("NotAfter", time(c.getNotAfter()));
        o.put("KeyUsage", num(keyUsage(c.getKeyUsage())));
        o.put("Extensions", extensions(c));
        o.put("ExtraExtensions", NullValue.NULL);
        o.put("UnhandledCriticalExtensions", NullValue.NULL);
        o.put("ExtKeyUsage", extKeyUsage(c));
        o.put("UnknownExtKeyUsage", NullValue.NULL);
        boolean basic = c.getExtensionValue(Extension.basicConstraints.getId()) != null;
        int pathLen = c.getBasicConstraints();
        o.put("BasicConstraintsValid", BoolValue.of(basic));
        o.put("IsCA", BoolValue.of(pathLen >= 0));
        o.put("MaxPathLen", num(pathLen == Integer.MAX_VALUE || !basic ? -1 : pathLen));
        o.put("MaxPathLenZero", BoolValue.of(pathLen == 0));
        o.put("SubjectKeyId", octets(c, Extension.subjectKeyIdentifier, false));
        o.put("AuthorityKeyId", octets(c, Extension.authorityKeyIdentifier, true));
        var san = subjectAltNames(c);
        o.put("DNSNames", strings(san.get(2)));
        o.put("EmailAddresses", strings(san.get(1)));
        o.put("IPAddresses", strings(san.get(7)));
        o.put("URIs", uris(san.get(6)));
        // OPA's own addition to Go's fields: the URIs as text
        o.put("URIStrings", strings(san.get(6)));
        return o.value();
    }

    static Value request(PKCS10CertificationRequest csr) {
        var o = new Obj();
        try {
            o.put("Raw", bytes(csr.getEncoded()));
            o.put("RawTBSCertificateRequest", bytes(csr.toASN1Structure().getCertificationRequestInfo().getEncoded()));
            o.put("RawSubjectPublicKeyInfo", bytes(csr.getSubjectPublicKeyInfo().getEncoded()));
            o.put("RawSubject", bytes(csr.getSubject().getEncoded()));
            PublicKey key = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo());
            o.put("Version", num(csr.toASN1Structure().getCertificationRequestInfo().getVersion().intValueExact()));
            o.put("Signature", bytes(csr.getSignature()));
            o.put("SignatureAlgorithm", num(signatureAlgorithm(csr.getSignatureAlgorithm().getAlgorithm().getId(), null)));
            o.put("PublicKeyAlgorithm", num(publicKeyAlgorithm(key)));
            o.put("PublicKey", publicKey(key));
            o.put("Subject", name(new X500Principal(csr.getSubject().getEncoded())));
            var dns = new ArrayList<String>();
            var emails = new ArrayList<String>();
            var ips = new ArrayList<String>();
            var requested = csr.getRequestedExtensions();
            if (requested != null) {
                var names = org.bouncycastle.asn1.x509.GeneralNames.fromExtensions(requested, Extension.subjectAlternativeName);
                if (names != null) {
                    for (var n : names.getNames()) {
                        switch (n.getTagNo()) {
                            case 2 -> dns.add(n.getName().toString());
                            case 1 -> emails.add(n.getName().toString());
                            case 7 -> ips.add(java.net.InetAddress.getByAddress(
                                    ((DEROctetString) n.getName()).getOctets()).getHostAddress());
                            default -> {
                            }
                        }
                    }
                }
            }
            o.put("DNSNames", strings(dns.isEmpty() ? null : dns));
            o.put("EmailAddresses", strings(emails.isEmpty() ? null : emails));
            o.put("IPAddresses", strings(ips.isEmpty() ? null : ips));
        } catch (java.io.IOException | RuntimeException e) {
            if (e instanceof BuiltinException be) {
                throw be;
            }
            throw BuiltinException.failed("failed to parse certificate request");
        }
        return o.value();
    }

    private static int signatureAlgorithm(String oid, byte[] params) {
        if (oid.equals("1.2.840.113549.1.1.10")) {
            // RSASSA-PSS: Go tells the digest apart (13, 14, 15) by the parameters' hash algorithm
            String p = params == null ? "" : HexOid.digestOf(params);
            return switch (p) {
                case "2.16.840.1.101.3.4.2.2" -> 14;
                case "2.16.840.1.101.3.4.2.3" -> 15;
                default -> 13;
            };
        }
        return SIGNATURE_ALGORITHMS.getOrDefault(oid, 0);
    }

    /** Finds the hash OID in RSASSA-PSS parameters. */
    private static final class HexOid {
        static String digestOf(byte[] params) {
            try {
                var pss = org.bouncycastle.asn1.pkcs.RSASSAPSSparams.getInstance(ASN1Primitive.fromByteArray(params));
                return pss.getHashAlgorithm().getAlgorithm().getId();
            } catch (java.io.IOException | IllegalArgumentException e) {
                return "";
            }
        }
    }

    private static int publicKeyAlgorithm(PublicKey k) {
        return switch (k.getAlgorithm()) {
            case "RSA" -> 1;
            case "DSA" -> 2;
            case "EC" -> 3;
            case "Ed25519", "EdDSA" -> 4;
            default -> 0;
        };
    }

    private static Value publicKey(PublicKey k) {
        var o = new Obj();
        switch (k) {
            case RSAPublicKey rsa -> {
                o.put("N", new NumberValue(new BigDecimal(rsa.getModulus())));
                o.put("E", new NumberValue(new BigDecimal(rsa.getPublicExponent())));
            }
            case ECPublicKey ec -> {
                // Go's elliptic curves marshal as an empty object
                o.put("Curve", ObjectValue.EMPTY);
                o.put("X", new NumberValue(new BigDecimal(ec.getW().getAffineX())));
                o.put("Y", new NumberValue(new BigDecimal(ec.getW().getAffineY())));
            }
            default -> {
                return bytes(k.getEncoded());
            }
        }
        return o.value();
    }

    /** Go's pkix.Name: the usual attributes as lists, the common name and serial number as strings, all in Names. */
    private static Value name(X500Principal principal) {
        X500Name x = X500Name.getInstance(principal.getEncoded());
        var o = new Obj();
        o.put("Country", strings(attribute(x, BCStyle.C)));
        o.put("Organization", strings(attribute(x, BCStyle.O)));
        o.put("OrganizationalUnit", strings(attribute(x, BCStyle.OU)));
        o.put("Locality", strings(attribute(x, BCStyle.L)));
        o.put("Province", strings(attribute(x, BCStyle.ST)));
        o.put("StreetAddress", strings(attribute(x, BCStyle.STREET)));
        o.put("PostalCode", strings(attribute(x, BCStyle.POSTAL_CODE)));
        List<String> serial = attribute(x, BCStyle.SERIALNUMBER);
        o.put("SerialNumber", new StringValue(serial == null ? "" : serial.get(0)));
        List<String> cn = attribute(x, BCStyle.CN);
        o.put("CommonName", new StringValue(cn == null ? "" : cn.get(0)));
        var names = new ArrayList<Value>();
        for (RDN rdn : x.getRDNs()) {
            for (AttributeTypeAndValue tv : rdn.getTypesAndValues()) {
                var n = new Obj();
                n.put("Type", oid(tv.getType()));
                n.put("Value", new StringValue(IETFUtils.valueToString(tv.getValue()).replace("\\", "")));
                names.add(n.value());
            }
        }
        o.put("Names", names.isEmpty() ? NullValue.NULL : new ArrayValue(names));
        o.put("ExtraNames", NullValue.NULL);
        return o.value();
    }

    private static List<String> attribute(X500Name x, ASN1ObjectIdentifier type) {
        var out = new ArrayList<String>();
        for (RDN rdn : x.getRDNs(type)) {
            for (AttributeTypeAndValue tv : rdn.getTypesAndValues()) {
                if (tv.getType().equals(type)) {
                    out.add(IETFUtils.valueToString(tv.getValue()).replace("\\", ""));
                }
            }
        }
        return out.isEmpty() ? null : out;
    }

    private static Value oid(ASN1ObjectIdentifier id) {
        var parts = new ArrayList<Value>();
        for (String p : id.getId().split("\\.")) {
            parts.add(new NumberValue(new BigDecimal(new BigInteger(p))));
        }
        return new ArrayValue(parts);
    }

    private static Value extensions(X509Certificate c) {
        var out = new ArrayList<Value>();
        addExtensions(c, c.getCriticalExtensionOIDs(), true, out);
        addExtensions(c, c.getNonCriticalExtensionOIDs(), false, out);
        return out.isEmpty() ? NullValue.NULL : new ArrayValue(out);
    }

    private static void addExtensions(X509Certificate c, Set<String> oids, boolean critical, List<Value> out) {
        if (oids == null) {
            return;
        }
        for (String id : new java.util.TreeSet<>(oids)) {
            var e = new Obj();
            e.put("Id", oid(new ASN1ObjectIdentifier(id)));
            e.put("Critical", BoolValue.of(critical));
            e.put("Value", bytes(DEROctetString.getInstance(c.getExtensionValue(id)).getOctets()));
            out.add(e.value());
        }
    }

    private static int keyUsage(boolean[] bits) {
        int v = 0;
        if (bits != null) {
            for (int i = 0; i < bits.length && i < 9; i++) {
                if (bits[i]) {
                    v |= 1 << i;
                }
            }
        }
        return v;
    }

    private static Value extKeyUsage(X509Certificate c) {
        try {
            List<String> oids = c.getExtendedKeyUsage();
            if (oids == null) {
                return NullValue.NULL;
            }
            var out = new ArrayList<Value>();
            oids.stream().filter(EXT_KEY_USAGES::containsKey).forEach(o -> out.add(num(EXT_KEY_USAGES.get(o))));
            return out.isEmpty() ? NullValue.NULL : new ArrayValue(out);
        } catch (CertificateParsingException e) {
            return NullValue.NULL;
        }
    }

    /** The key identifier of the subject key identifier extension, or of the authority key identifier's keyid. */
    private static Value octets(X509Certificate c, ASN1ObjectIdentifier ext, boolean authority) {
        byte[] raw = c.getExtensionValue(ext.getId());
        if (raw == null) {
            return NullValue.NULL;
        }
        byte[] inner = DEROctetString.getInstance(raw).getOctets();
        if (authority) {
            byte[] id = org.bouncycastle.asn1.x509.AuthorityKeyIdentifier.getInstance(inner).getKeyIdentifier();
            return id == null ? NullValue.NULL : bytes(id);
        }
        return bytes(DEROctetString.getInstance(inner).getOctets());
    }

    private static Map<Integer, List<String>> subjectAltNames(X509Certificate c) {
        var out = new TreeMap<Integer, List<String>>();
        try {
            Collection<List<?>> names = c.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> n : names) {
                    if (n.get(1) instanceof String s) {
                        out.computeIfAbsent((Integer) n.get(0), k -> new ArrayList<>()).add(s);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw BuiltinException.failed("invalid subject alternative names");
        }
        return out;
    }

    /** Go's url.URL fields a URI name has (the others empty). */
    private static Value uris(List<String> uris) {
        if (uris == null) {
            return NullValue.NULL;
        }
        var out = new ArrayList<Value>();
        for (String u : uris) {
            var o = new Obj();
            try {
                var uri = java.net.URI.create(u);
                o.put("Scheme", new StringValue(nz(uri.getScheme())));
                o.put("Opaque", new StringValue(uri.isOpaque() ? nz(uri.getRawSchemeSpecificPart()) : ""));
                o.put("User", NullValue.NULL);
                o.put("Host", new StringValue(nz(uri.getRawAuthority())));
                o.put("Path", new StringValue(nz(uri.getPath())));
                o.put("RawPath", new StringValue(""));
                o.put("OmitHost", BoolValue.FALSE);
                o.put("ForceQuery", BoolValue.FALSE);
                o.put("RawQuery", new StringValue(nz(uri.getRawQuery())));
                o.put("Fragment", new StringValue(nz(uri.getFragment())));
                o.put("RawFragment", new StringValue(""));
            } catch (IllegalArgumentException e) {
                o.put("Opaque", new StringValue(u));
            }
            out.add(o.value());
        }
        return new ArrayValue(out);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static Value strings(List<String> xs) {
        return xs == null ? NullValue.NULL : new ArrayValue(xs.stream().map(s -> (Value) new StringValue(s)).toList());
    }

    private static Value time(java.util.Date d) {
        return new StringValue(DateTimeFormatter.ISO_INSTANT.format(d.toInstant()));
    }

    private static Value bytes(byte[] b) {
        return new StringValue(Base64.getEncoder().encodeToString(b));
    }

    private static Value num(long n) {
        return NumberValue.of(n);
    }

    /** An object under construction with string keys. */
    private static final class Obj {
        private final TreeMap<Value, Value> entries = new TreeMap<>();

        void put(String key, Value v) {
            entries.put(new StringValue(key), v);
        }

        ObjectValue value() {
            return new ObjectValue(entries);
        }
    }
}
