package dev.arca.dcap.testpki;

import dev.arca.dcap.pck.PckCaType;
import dev.arca.dcap.pck.SgxExtensionParser;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;

/**
 * What a PCK leaf certifies about a platform, written into the SGX extensions (OID 1.2.840.113741.1.13.1) the way
 * the Intel SGX PCK Certificate and CRL Profile Specification lays them out: PPID (.1), TCB (.2: component SVNs
 * .2.1–.2.16, PCESVN .2.17, CPUSVN .2.18), PCE-ID (.3), FMSPC (.4), SGX type (.5) and, for the Platform CA,
 * PlatformInstanceID (.6) and Configuration (.7).
 *
 * @param sgxComponents the 16 SGX TCB component SVNs (the CPUSVN bytes)
 */
public record PckProfile(PckCaType caType, String fmspc, String pceId, List<Integer> sgxComponents, int pceSvn,
        byte[] ppid, int sgxType) {

    static final ASN1ObjectIdentifier SGX_EXTENSIONS = new ASN1ObjectIdentifier(SgxExtensionParser.SGX_EXTENSION_OID);

    public PckProfile {
        if (sgxComponents.size() != 16) {
            throw new IllegalArgumentException("16 SGX TCB components");
        }
        sgxComponents = List.copyOf(sgxComponents);
        ppid = ppid.clone();
    }

    /** A Platform-CA platform with FMSPC 00906ED50000, PCE-ID 0000, every SGX component 3 and PCESVN 13. */
    public static PckProfile platform() {
        return new PckProfile(PckCaType.PLATFORM, "00906ED50000", "0000", List.of(3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
                3, 3, 3, 3, 3, 3), 13, HexFormat.of().parseHex("0123456789abcdef0123456789abcdef"), 0);
    }

    public PckProfile withCaType(PckCaType type) {
        return new PckProfile(type, fmspc, pceId, sgxComponents, pceSvn, ppid, sgxType);
    }

    public PckProfile withFmspc(String value) {
        return new PckProfile(caType, value, pceId, sgxComponents, pceSvn, ppid, sgxType);
    }

    public PckProfile withTcb(List<Integer> components, int pcesvn) {
        return new PckProfile(caType, fmspc, pceId, components, pcesvn, ppid, sgxType);
    }

    public PckProfile withAllSgxComponents(int svn) {
        return withTcb(java.util.Collections.nCopies(16, svn), pceSvn);
    }

    public byte[] cpuSvn() {
        byte[] cpuSvn = new byte[16];
        for (int i = 0; i < 16; i++) {
            cpuSvn[i] = sgxComponents.get(i).byteValue();
        }
        return cpuSvn;
    }

    /** The extension value: SEQUENCE OF SEQUENCE {OID, value}. */
    ASN1Encodable sgxExtension() {
        ASN1EncodableVector tcb = new ASN1EncodableVector();
        ASN1ObjectIdentifier tcbOid = SGX_EXTENSIONS.branch("2");
        for (int i = 0; i < 16; i++) {
            tcb.add(pair(tcbOid.branch(Integer.toString(i + 1)), new ASN1Integer(sgxComponents.get(i))));
        }
        tcb.add(pair(tcbOid.branch("17"), new ASN1Integer(pceSvn)));
        tcb.add(pair(tcbOid.branch("18"), new DEROctetString(cpuSvn())));

        ASN1EncodableVector entries = new ASN1EncodableVector();
        entries.add(pair(SGX_EXTENSIONS.branch("1"), new DEROctetString(ppid)));
        entries.add(pair(tcbOid, new DERSequence(tcb)));
        entries.add(pair(SGX_EXTENSIONS.branch("3"), new DEROctetString(HexFormat.of().parseHex(pceId))));
        entries.add(pair(SGX_EXTENSIONS.branch("4"), new DEROctetString(HexFormat.of().parseHex(fmspc))));
        entries.add(pair(SGX_EXTENSIONS.branch("5"), new ASN1Enumerated(sgxType)));
        if (caType == PckCaType.PLATFORM) {
            entries.add(pair(SGX_EXTENSIONS.branch("6"), new DEROctetString(new byte[16])));
            ASN1ObjectIdentifier configuration = SGX_EXTENSIONS.branch("7");
            entries.add(pair(configuration, new DERSequence(new ASN1Encodable[] {
                pair(configuration.branch("1"), ASN1Boolean.FALSE),
                pair(configuration.branch("2"), ASN1Boolean.TRUE),
                pair(configuration.branch("3"), ASN1Boolean.FALSE)})));
        }
        return new DERSequence(entries);
    }

    private static DERSequence pair(ASN1ObjectIdentifier oid, ASN1Encodable value) {
        return new DERSequence(new ASN1Encodable[] {oid, value});
    }
}
