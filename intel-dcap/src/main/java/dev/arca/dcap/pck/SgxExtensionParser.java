package dev.arca.dcap.pck;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * Reads the SGX extensions of a PCK leaf with Bouncy Castle's ASN.1 classes. The extension value is a SEQUENCE of
 * SEQUENCE {OID, value}; the TCB (.2) and Configuration (.7) values are themselves such sequences (Intel SGX PCK
 * Certificate and CRL Profile Specification).
 */
public final class SgxExtensionParser {

    public static final String SGX_EXTENSION_OID = "1.2.840.113741.1.13.1";

    private static final ASN1ObjectIdentifier ROOT = new ASN1ObjectIdentifier(SGX_EXTENSION_OID);
    private static final ASN1ObjectIdentifier PPID = ROOT.branch("1");
    private static final ASN1ObjectIdentifier TCB = ROOT.branch("2");
    private static final ASN1ObjectIdentifier PCE_SVN = TCB.branch("17");
    private static final ASN1ObjectIdentifier CPU_SVN = TCB.branch("18");
    private static final ASN1ObjectIdentifier PCE_ID = ROOT.branch("3");
    private static final ASN1ObjectIdentifier FMSPC = ROOT.branch("4");
    private static final ASN1ObjectIdentifier SGX_TYPE = ROOT.branch("5");
    private static final ASN1ObjectIdentifier PLATFORM_INSTANCE_ID = ROOT.branch("6");
    private static final ASN1ObjectIdentifier CONFIGURATION = ROOT.branch("7");
    private static final ASN1ObjectIdentifier DYNAMIC_PLATFORM = CONFIGURATION.branch("1");
    private static final ASN1ObjectIdentifier CACHED_KEYS = CONFIGURATION.branch("2");
    private static final ASN1ObjectIdentifier SMT_ENABLED = CONFIGURATION.branch("3");

    private SgxExtensionParser() {
    }

    public static SgxExtensions parse(X509Certificate pckLeaf) throws DcapVerificationException {
        byte[] extension = pckLeaf.getExtensionValue(SGX_EXTENSION_OID);
        if (extension == null) {
            throw invalid("the PCK certificate has no SGX extension");
        }
        byte[] value;
        try {
            value = ASN1OctetString.getInstance(extension).getOctets();
        } catch (IllegalArgumentException e) {
            throw invalid("malformed SGX extension: " + e.getMessage());
        }
        return parseValue(value);
    }

    /** The extension's value: the DER SEQUENCE inside the extnValue OCTET STRING. */
    static SgxExtensions parseValue(byte[] der) throws DcapVerificationException {
        try {
            // fromByteArray refuses truncated DER with an IOException and gives null for no bytes at all
            ASN1Primitive value = ASN1Primitive.fromByteArray(der);
            if (value == null) {
                throw invalid("the SGX extension is empty");
            }
            return read(ASN1Sequence.getInstance(value));
        } catch (IOException | IllegalArgumentException | IllegalStateException | ClassCastException
                | ArithmeticException e) {
            // ArithmeticException: an INTEGER (SVN, SGX type) that does not fit an int
            throw invalid("malformed SGX extension: " + e.getMessage());
        }
    }

    /** One SEQUENCE {OID, value} entry; a shorter sequence is malformed, not an index error. */
    private static ASN1Sequence pair(ASN1Encodable element) throws DcapVerificationException {
        ASN1Sequence pair = ASN1Sequence.getInstance(element);
        if (pair.size() != 2) {
            throw invalid("malformed SGX extension: an entry has " + pair.size() + " elements, expected OID and value");
        }
        return pair;
    }

    private static SgxExtensions read(ASN1Sequence entries) throws DcapVerificationException {
        byte[] ppid = null;
        byte[] pceId = null;
        byte[] fmspc = null;
        byte[] instanceId = null;
        PckTcb tcb = null;
        Integer sgxType = null;
        SgxExtensions.PlatformConfiguration configuration = null;
        for (ASN1Encodable element : entries) {
            ASN1Sequence pair = pair(element);
            ASN1ObjectIdentifier oid = ASN1ObjectIdentifier.getInstance(pair.getObjectAt(0));
            ASN1Encodable value = pair.getObjectAt(1);
            if (oid.equals(PPID)) {
                ppid = octets(value, 16, "PPID");
            } else if (oid.equals(TCB)) {
                tcb = readTcb(ASN1Sequence.getInstance(value));
            } else if (oid.equals(PCE_ID)) {
                pceId = octets(value, 2, "PCE-ID");
            } else if (oid.equals(FMSPC)) {
                fmspc = octets(value, 6, "FMSPC");
            } else if (oid.equals(SGX_TYPE)) {
                sgxType = ASN1Enumerated.getInstance(value).intValueExact();
            } else if (oid.equals(PLATFORM_INSTANCE_ID)) {
                instanceId = octets(value, 16, "PlatformInstanceID");
            } else if (oid.equals(CONFIGURATION)) {
                configuration = readConfiguration(ASN1Sequence.getInstance(value));
            }
        }
        if (ppid == null || tcb == null || pceId == null || fmspc == null || sgxType == null) {
            throw invalid("SGX extension lacks one of PPID, TCB, PCE-ID, FMSPC, SGX type");
        }
        return new SgxExtensions(ppid, tcb, pceId, fmspc, sgxType, instanceId, configuration);
    }

    private static PckTcb readTcb(ASN1Sequence tcb) throws DcapVerificationException {
        Integer[] components = new Integer[16];
        Integer pceSvn = null;
        byte[] cpuSvn = null;
        for (ASN1Encodable element : tcb) {
            ASN1Sequence pair = pair(element);
            ASN1ObjectIdentifier oid = ASN1ObjectIdentifier.getInstance(pair.getObjectAt(0));
            ASN1Encodable value = pair.getObjectAt(1);
            if (oid.equals(PCE_SVN)) {
                pceSvn = ASN1Integer.getInstance(value).intValueExact();
            } else if (oid.equals(CPU_SVN)) {
                cpuSvn = octets(value, 16, "CPUSVN");
            } else if (oid.on(TCB)) {
                int index = Integer.parseInt(oid.getId().substring(TCB.getId().length() + 1));
                if (index >= 1 && index <= 16) {
                    components[index - 1] = ASN1Integer.getInstance(value).intValueExact();
                }
            }
        }
        if (pceSvn == null || cpuSvn == null || Arrays.asList(components).contains(null)) {
            throw invalid("SGX TCB extension lacks a component SVN, PCESVN or CPUSVN");
        }
        List<Integer> svns = new ArrayList<>(Arrays.asList(components));
        return new PckTcb(svns, pceSvn, cpuSvn);
    }

    private static SgxExtensions.PlatformConfiguration readConfiguration(ASN1Sequence configuration)
            throws DcapVerificationException {
        boolean dynamic = false;
        boolean cached = false;
        boolean smt = false;
        for (ASN1Encodable element : configuration) {
            ASN1Sequence pair = pair(element);
            ASN1ObjectIdentifier oid = ASN1ObjectIdentifier.getInstance(pair.getObjectAt(0));
            boolean value = ASN1Boolean.getInstance(pair.getObjectAt(1)).isTrue();
            if (oid.equals(DYNAMIC_PLATFORM)) {
                dynamic = value;
            } else if (oid.equals(CACHED_KEYS)) {
                cached = value;
            } else if (oid.equals(SMT_ENABLED)) {
                smt = value;
            }
        }
        return new SgxExtensions.PlatformConfiguration(dynamic, cached, smt);
    }

    private static byte[] octets(ASN1Encodable value, int length, String name) throws DcapVerificationException {
        ASN1Primitive primitive = value.toASN1Primitive();
        byte[] bytes = ASN1OctetString.getInstance(primitive).getOctets();
        if (bytes.length != length) {
            throw invalid(name + " has " + bytes.length + " bytes, expected " + length);
        }
        return bytes;
    }

    private static DcapVerificationException invalid(String message) {
        return new DcapVerificationException(Reason.PCK_CHAIN, "PCK certificate: " + message);
    }
}
