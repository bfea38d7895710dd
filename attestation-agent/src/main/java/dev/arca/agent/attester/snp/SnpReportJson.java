package dev.arca.agent.attester.snp;

import dev.arca.model.json.Json;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the 1184-byte SEV-SNP ATTESTATION_REPORT (AMD SEV-SNP firmware ABI, pub. 56860) into the JSON form the
 * upstream verifiers deserialise — the serde shape of the {@code sev} crate's {@code AttestationReport}
 * (guest-components SNP attester): integers as numbers, byte arrays as arrays of numbers, TCB versions decoded per
 * processor generation.
 */
public final class SnpReportJson {

    public static final int REPORT_BYTES = 1184;

    /** Processor generations whose TCB_VERSION layouts differ. */
    enum Generation {
        MILAN, GENOA, TURIN
    }

    private final ByteBuffer report;

    private SnpReportJson(byte[] report) {
        this.report = ByteBuffer.wrap(report).order(ByteOrder.LITTLE_ENDIAN);
    }

    public static ObjectNode of(byte[] report) {
        if (report.length < REPORT_BYTES) {
            throw new IllegalArgumentException("SNP report is " + report.length + " bytes, expected " + REPORT_BYTES);
        }
        return new SnpReportJson(report).json();
    }

    private ObjectNode json() {
        int version = report.getInt(0x000);
        Generation generation = generation(version);
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("version", version);
        json.put("guest_svn", u32(0x004));
        json.put("policy", u64(0x008));
        json.set("family_id", bytes(0x010, 16));
        json.set("image_id", bytes(0x020, 16));
        json.put("vmpl", u32(0x030));
        json.put("sig_algo", u32(0x034));
        json.set("current_tcb", tcb(0x038, generation));
        json.put("plat_info", u64(0x040));
        json.put("key_info", u32(0x048));
        json.set("report_data", bytes(0x050, 64));
        json.set("measurement", bytes(0x090, 48));
        json.set("host_data", bytes(0x0C0, 32));
        json.set("id_key_digest", bytes(0x0E0, 48));
        json.set("author_key_digest", bytes(0x110, 48));
        json.set("report_id", bytes(0x140, 32));
        json.set("report_id_ma", bytes(0x160, 32));
        json.set("reported_tcb", tcb(0x180, generation));
        if (version >= 3) {
            json.put("cpuid_fam_id", u8(0x188));
            json.put("cpuid_mod_id", u8(0x189));
            json.put("cpuid_step", u8(0x18A));
        } else {
            json.putNull("cpuid_fam_id");
            json.putNull("cpuid_mod_id");
            json.putNull("cpuid_step");
        }
        json.set("chip_id", bytes(0x1A0, 64));
        json.set("committed_tcb", tcb(0x1E0, generation));
        json.set("current", version(0x1E8));
        json.set("committed", version(0x1EC));
        json.set("launch_tcb", tcb(0x1F0, generation));
        if (version >= 5) {
            json.put("launch_mit_vector", u64(0x1F8));
            json.put("current_mit_vector", u64(0x200));
        } else {
            json.putNull("launch_mit_vector");
            json.putNull("current_mit_vector");
        }
        ObjectNode signature = json.putObject("signature");
        signature.set("r", bytes(0x2A0, 72));
        signature.set("s", bytes(0x2E8, 72));
        return json;
    }

    /**
     * Report v3+ names the CPU (family 0x19 models 0x00–0x0F Milan, 0x10–0x1F and 0xA0–0xAF Genoa; family 0x1A
     * models 0x00–0x11 Turin). A v2 report does not; as upstream, a chip id with only its first 8 bytes set is a
     * Turin one (its hwID is 8 bytes), any other chip id, masked ones included, Milan/Genoa, which share a layout.
     */
    Generation generation(int version) {
        if (version >= 3) {
            int family = u8(0x188);
            int model = u8(0x189);
            if (family == 0x19 && model <= 0x0F) {
                return Generation.MILAN;
            }
            if (family == 0x19 && (model >= 0x10 && model <= 0x1F || model >= 0xA0 && model <= 0xAF)) {
                return Generation.GENOA;
            }
            if (family == 0x1A && model <= 0x11) {
                return Generation.TURIN;
            }
            throw new IllegalArgumentException("SNP report names an unknown processor: family 0x"
                    + Integer.toHexString(family) + " model 0x" + Integer.toHexString(model));
        }
        boolean headSet = false;
        boolean tailSet = false;
        for (int i = 0; i < 64; i++) {
            boolean set = report.get(0x1A0 + i) != 0;
            headSet |= set && i < 8;
            tailSet |= set && i >= 8;
        }
        // a masked (all-zero) chip id: Milan/Genoa, the generations whose firmware wrote version-2 reports
        return headSet && !tailSet ? Generation.TURIN : Generation.MILAN;
    }

    /** TCB_VERSION: Milan/Genoa [bl, tee, 0, 0, 0, 0, snp, ucode]; Turin [fmc, bl, tee, snp, 0, 0, 0, ucode]. */
    private ObjectNode tcb(int offset, Generation generation) {
        ObjectNode tcb = Json.MAPPER.createObjectNode();
        if (generation == Generation.TURIN) {
            tcb.put("fmc", u8(offset));
            tcb.put("bootloader", u8(offset + 1));
            tcb.put("tee", u8(offset + 2));
            tcb.put("snp", u8(offset + 3));
        } else {
            tcb.putNull("fmc");
            tcb.put("bootloader", u8(offset));
            tcb.put("tee", u8(offset + 1));
            tcb.put("snp", u8(offset + 6));
        }
        tcb.put("microcode", u8(offset + 7));
        return tcb;
    }

    /** Firmware version bytes are build, minor, major. */
    private ObjectNode version(int offset) {
        ObjectNode version = Json.MAPPER.createObjectNode();
        version.put("major", u8(offset + 2));
        version.put("minor", u8(offset + 1));
        version.put("build", u8(offset));
        return version;
    }

    private ArrayNode bytes(int offset, int length) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (int i = 0; i < length; i++) {
            array.add(u8(offset + i));
        }
        return array;
    }

    private int u8(int offset) {
        return Byte.toUnsignedInt(report.get(offset));
    }

    private long u32(int offset) {
        return Integer.toUnsignedLong(report.getInt(offset));
    }

    /** u64 as a JSON number; values above 2^63 stay exact. */
    private BigInteger u64(int offset) {
        return new BigInteger(Long.toUnsignedString(report.getLong(offset)));
    }
}
