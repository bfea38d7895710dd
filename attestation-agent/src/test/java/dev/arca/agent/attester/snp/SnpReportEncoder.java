package dev.arca.agent.attester.snp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import tools.jackson.databind.JsonNode;

/**
 * Test-side inverse of the sev crate's report JSON: writes each field back at its AMD SEV-SNP ABI offset
 * (AMD SEV-SNP firmware ABI spec 56860, ATTESTATION_REPORT), Milan/Genoa TCB layout. Written independently of {@link
 * SnpReportJson} so that a round trip checks the agent's offsets, and the rebuilt report's signature checks these.
 */
final class SnpReportEncoder {

    private SnpReportEncoder() {
    }

    static byte[] encode(JsonNode json) {
        ByteBuffer out = ByteBuffer.allocate(SnpReportJson.REPORT_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0x000, json.get("version").asInt());
        out.putInt(0x004, json.get("guest_svn").asInt());
        out.putLong(0x008, json.get("policy").asLong());
        bytes(out, 0x010, json.get("family_id"));
        bytes(out, 0x020, json.get("image_id"));
        out.putInt(0x030, json.get("vmpl").asInt());
        out.putInt(0x034, json.get("sig_algo").asInt());
        tcb(out, 0x038, json.get("current_tcb"));
        out.putLong(0x040, json.get("plat_info").asLong());
        out.putInt(0x048, json.get("key_info").asInt());
        bytes(out, 0x050, json.get("report_data"));
        bytes(out, 0x090, json.get("measurement"));
        bytes(out, 0x0C0, json.get("host_data"));
        bytes(out, 0x0E0, json.get("id_key_digest"));
        bytes(out, 0x110, json.get("author_key_digest"));
        bytes(out, 0x140, json.get("report_id"));
        bytes(out, 0x160, json.get("report_id_ma"));
        tcb(out, 0x180, json.get("reported_tcb"));
        out.put(0x188, (byte) json.get("cpuid_fam_id").asInt());
        out.put(0x189, (byte) json.get("cpuid_mod_id").asInt());
        out.put(0x18A, (byte) json.get("cpuid_step").asInt());
        bytes(out, 0x1A0, json.get("chip_id"));
        tcb(out, 0x1E0, json.get("committed_tcb"));
        version(out, 0x1E8, json.get("current"));
        version(out, 0x1EC, json.get("committed"));
        tcb(out, 0x1F0, json.get("launch_tcb"));
        bytes(out, 0x2A0, json.get("signature").get("r"));
        bytes(out, 0x2E8, json.get("signature").get("s"));
        return out.array();
    }

    private static void tcb(ByteBuffer out, int offset, JsonNode tcb) {
        out.put(offset, (byte) tcb.get("bootloader").asInt());
        out.put(offset + 1, (byte) tcb.get("tee").asInt());
        out.put(offset + 6, (byte) tcb.get("snp").asInt());
        out.put(offset + 7, (byte) tcb.get("microcode").asInt());
    }

    private static void version(ByteBuffer out, int offset, JsonNode version) {
        out.put(offset, (byte) version.get("build").asInt());
        out.put(offset + 1, (byte) version.get("minor").asInt());
        out.put(offset + 2, (byte) version.get("major").asInt());
    }

    private static void bytes(ByteBuffer out, int offset, JsonNode array) {
        for (int i = 0; i < array.size(); i++) {
            out.put(offset + i, (byte) array.get(i).asInt());
        }
    }
}
