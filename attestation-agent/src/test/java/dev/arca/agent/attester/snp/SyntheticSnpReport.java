package dev.arca.agent.attester.snp;

import dev.arca.model.json.Json;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import dev.arca.snp.report.ReportFormatException;
import dev.arca.snp.report.SevReportJson;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SEV-SNP attestation reports of the right shape, built by the tests: a report in the sev crate's JSON form with
 * distinct values in every field, written at the AMD SEV-SNP firmware ABI offsets by amd-snp's
 * {@link SevReportJson} (what the AS reads this JSON with, so the attester's writer is checked against it) and
 * signed (ECDSA P-384, SHA-384 over bytes 0x000–0x29F, r and s little-endian) by a VCEK made here — a self-signed
 * certificate standing in for AMD's, which the agent only relays.
 */
final class SyntheticSnpReport {

    static final KeyPair VCEK_KEY = p384();
    static final byte[] VCEK = selfSigned(VCEK_KEY);

    private SyntheticSnpReport() {
    }

    /**
     * A report of the given version; v3 and later name the CPU (family, model); a v2 report's generation comes from
     * its chip id, here a full 64-byte (Milan/Genoa) one.
     */
    static ObjectNode json(int version, int family, int model) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("version", version);
        json.put("guest_svn", 4);
        json.put("policy", 0x3001fL);
        json.set("family_id", bytes(16, 0x01, 0));
        json.set("image_id", bytes(16, 0x02, 1));
        json.put("vmpl", 0);
        json.put("sig_algo", 1);
        json.set("current_tcb", tcb(4, 0, 21, 210));
        json.put("plat_info", 3);
        json.put("key_info", 0);
        json.set("report_data", bytes(64, 0x50, 1));
        json.set("measurement", bytes(48, 0x90, 1));
        json.set("host_data", bytes(32, 0xC0, 0));
        json.set("id_key_digest", bytes(48, 0xE0, 0));
        json.set("author_key_digest", bytes(48, 0x10, 0));
        json.set("report_id", bytes(32, 0x40, 1));
        json.set("report_id_ma", bytes(32, 0xFF, 0));
        json.set("reported_tcb", tcb(3, 0, 20, 209));
        if (version >= 3) {
            json.put("cpuid_fam_id", family);
            json.put("cpuid_mod_id", model);
            json.put("cpuid_step", 1);
        } else {
            json.putNull("cpuid_fam_id");
            json.putNull("cpuid_mod_id");
            json.putNull("cpuid_step");
        }
        json.set("chip_id", bytes(64, 0xA0, 3));
        json.set("committed_tcb", tcb(3, 0, 20, 208));
        json.set("current", version(1, 55, 38));
        json.set("committed", version(1, 55, 37));
        json.set("launch_tcb", tcb(3, 0, 20, 207));
        json.putNull("launch_mit_vector"); // reports before v5 have no mitigation vectors
        json.putNull("current_mit_vector");
        ObjectNode signature = json.putObject("signature");
        signature.set("r", bytes(72, 0, 0));
        signature.set("s", bytes(72, 0, 0));
        return json;
    }

    /** The report's 1184 bytes signed by the VCEK; the JSON's signature is updated to match. */
    static byte[] signed(ObjectNode json) {
        byte[] report;
        try {
            report = SevReportJson.toBytes(json);
        } catch (ReportFormatException e) {
            throw new IllegalStateException(e);
        }
        try {
            Signature ecdsa = Signature.getInstance("SHA384withECDSA");
            ecdsa.initSign(VCEK_KEY.getPrivate());
            ecdsa.update(report, 0, 0x2A0);
            ASN1Sequence rs = ASN1Sequence.getInstance(ecdsa.sign());
            littleEndian(ASN1Integer.getInstance(rs.getObjectAt(0)).getValue(), report, 0x2A0);
            littleEndian(ASN1Integer.getInstance(rs.getObjectAt(1)).getValue(), report, 0x2E8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        ObjectNode signature = (ObjectNode) json.get("signature");
        signature.set("r", copy(report, 0x2A0, 72));
        signature.set("s", copy(report, 0x2E8, 72));
        return report;
    }

    private static void littleEndian(BigInteger value, byte[] out, int offset) {
        byte[] big = value.toByteArray();
        for (int i = 0; i < big.length && i < 72; i++) {
            out[offset + i] = big[big.length - 1 - i];
        }
    }

    private static ArrayNode copy(byte[] report, int offset, int length) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (int i = 0; i < length; i++) {
            array.add(Byte.toUnsignedInt(report[offset + i]));
        }
        return array;
    }

    /** {@code length} bytes counting up from {@code first} by {@code step} (mod 256). */
    private static ArrayNode bytes(int length, int first, int step) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (int i = 0; i < length; i++) {
            array.add((first + i * step) & 0xFF);
        }
        return array;
    }

    private static ObjectNode tcb(int bootloader, int tee, int snp, int microcode) {
        ObjectNode tcb = Json.MAPPER.createObjectNode();
        tcb.putNull("fmc");
        tcb.put("bootloader", bootloader);
        tcb.put("tee", tee);
        tcb.put("snp", snp);
        tcb.put("microcode", microcode);
        return tcb;
    }

    private static ObjectNode version(int major, int minor, int build) {
        ObjectNode version = Json.MAPPER.createObjectNode();
        version.put("major", major);
        version.put("minor", minor);
        version.put("build", build);
        return version;
    }

    private static KeyPair p384() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp384r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] selfSigned(KeyPair key) {
        try {
            X500Name name = new X500Name("CN=SEV-VCEK synthetic test");
            Instant now = Instant.now();
            return new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now.minus(1, ChronoUnit.DAYS)),
                    Date.from(now.plus(1, ChronoUnit.DAYS)), name, key.getPublic())
                    .build(new JcaContentSignerBuilder("SHA384withECDSA").build(key.getPrivate())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
