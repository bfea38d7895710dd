package dev.arca.snp.report;

import dev.arca.snp.ProcessorGeneration;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import tools.jackson.databind.JsonNode;

/**
 * Rebuilds the 1184-byte ATTESTATION_REPORT from its JSON form — the serde shape of the {@code sev} crate's
 * {@code AttestationReport} that upstream's SNP attester sends and Arca's agent writes
 * ({@code dev.arca.agent.attester.snp.SnpReportJson}): integers as numbers, byte arrays as lists of numbers, TCB
 * versions as {@code {fmc, bootloader, tee, snp, microcode}} (an {@code fmc} that is not null means the Turin layout),
 * firmware versions as {@code {major, minor, build}}, the signature as {@code {r: [72], s: [72]}} little-endian.
 * Reserved bytes, which the JSON does not carry, are zero, as the firmware writes them; the signature then verifies
 * over the rebuilt bytes. Every shape error is a {@link ReportFormatException} naming the field.
 */
public final class SevReportJson {

    private final JsonNode json;
    private final ByteBuffer out = ByteBuffer.allocate(AttestationReport.SIZE).order(ByteOrder.LITTLE_ENDIAN);

    private SevReportJson(JsonNode json) {
        this.json = json;
    }

    public static byte[] toBytes(JsonNode report) throws ReportFormatException {
        if (report == null || !report.isObject()) {
            throw new ReportFormatException("attestation_report must be a JSON object (the sev crate's"
                    + " AttestationReport)");
        }
        return new SevReportJson(report).encode();
    }

    private byte[] encode() throws ReportFormatException {
        int version = (int) unsigned("version", 32);
        out.putInt(0x000, version);
        out.putInt(0x004, (int) unsigned("guest_svn", 32));
        out.putLong(0x008, unsigned("policy", 64));
        bytes("family_id", 0x010, 16);
        bytes("image_id", 0x020, 16);
        out.putInt(0x030, (int) unsigned("vmpl", 32));
        out.putInt(0x034, (int) unsigned("sig_algo", 32));
        tcb("current_tcb", 0x038);
        out.putLong(0x040, unsigned("plat_info", 64));
        out.putInt(0x048, (int) unsigned("key_info", 32));
        bytes("report_data", 0x050, 64);
        bytes("measurement", 0x090, 48);
        bytes("host_data", 0x0C0, 32);
        bytes("id_key_digest", 0x0E0, 48);
        bytes("author_key_digest", 0x110, 48);
        bytes("report_id", 0x140, 32);
        bytes("report_id_ma", 0x160, 32);
        tcb("reported_tcb", 0x180);
        optionalByte("cpuid_fam_id", 0x188);
        optionalByte("cpuid_mod_id", 0x189);
        optionalByte("cpuid_step", 0x18A);
        bytes("chip_id", 0x1A0, 64);
        tcb("committed_tcb", 0x1E0);
        firmware("current", 0x1E8);
        firmware("committed", 0x1EC);
        tcb("launch_tcb", 0x1F0);
        optionalLong("launch_mit_vector", 0x1F8);
        optionalLong("current_mit_vector", 0x200);
        JsonNode signature = json.get("signature");
        if (signature == null || !signature.isObject()) {
            throw new ReportFormatException("attestation_report.signature must be {\"r\": [72 bytes], \"s\": [72 bytes]}");
        }
        bytes(signature, "signature.r", "r", 0x2A0, 72);
        bytes(signature, "signature.s", "s", 0x2E8, 72);
        return out.array();
    }

    private void tcb(String field, int offset) throws ReportFormatException {
        JsonNode tcb = json.get(field);
        if (tcb == null || !tcb.isObject()) {
            throw new ReportFormatException("attestation_report." + field
                    + " must be {\"fmc\", \"bootloader\", \"tee\", \"snp\", \"microcode\"}");
        }
        JsonNode fmc = tcb.get("fmc");
        boolean turin = fmc != null && !fmc.isNull();
        TcbVersion version = TcbVersion.of(turin ? ProcessorGeneration.TURIN : ProcessorGeneration.MILAN,
                turin ? octet(tcb, field + ".fmc", "fmc") : 0, octet(tcb, field + ".bootloader", "bootloader"),
                octet(tcb, field + ".tee", "tee"), octet(tcb, field + ".snp", "snp"),
                octet(tcb, field + ".microcode", "microcode"));
        out.putLong(offset, version.raw());
    }

    private void firmware(String field, int offset) throws ReportFormatException {
        JsonNode version = json.get(field);
        if (version == null || !version.isObject()) {
            throw new ReportFormatException("attestation_report." + field + " must be {\"major\", \"minor\", \"build\"}");
        }
        out.put(offset, (byte) octet(version, field + ".build", "build"));
        out.put(offset + 1, (byte) octet(version, field + ".minor", "minor"));
        out.put(offset + 2, (byte) octet(version, field + ".major", "major"));
    }

    private void optionalByte(String field, int offset) throws ReportFormatException {
        JsonNode node = json.get(field);
        if (node != null && !node.isNull()) {
            out.put(offset, (byte) octet(json, field, field));
        }
    }

    private void optionalLong(String field, int offset) throws ReportFormatException {
        JsonNode node = json.get(field);
        if (node != null && !node.isNull()) {
            out.putLong(offset, unsigned(field, 64));
        }
    }

    private long unsigned(String field, int bits) throws ReportFormatException {
        JsonNode node = json.get(field);
        if (node == null || !node.isIntegralNumber()) {
            throw new ReportFormatException("attestation_report." + field + " must be an unsigned integer");
        }
        BigInteger value = node.bigIntegerValue();
        if (value.signum() < 0 || value.bitLength() > bits) {
            throw new ReportFormatException("attestation_report." + field + " does not fit " + bits + " unsigned bits");
        }
        return value.longValue();
    }

    private static int octet(JsonNode parent, String path, String field) throws ReportFormatException {
        JsonNode node = parent.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0
                || node.intValue() > 255) {
            throw new ReportFormatException("attestation_report." + path + " must be a number from 0 to 255");
        }
        return node.intValue();
    }

    private void bytes(String field, int offset, int length) throws ReportFormatException {
        bytes(json, field, field, offset, length);
    }

    private void bytes(JsonNode parent, String path, String field, int offset, int length)
            throws ReportFormatException {
        JsonNode array = parent.get(field);
        if (array == null || !array.isArray() || array.size() != length) {
            throw new ReportFormatException("attestation_report." + path + " must be a list of " + length + " bytes");
        }
        for (int i = 0; i < length; i++) {
            JsonNode element = array.get(i);
            if (!element.isIntegralNumber() || !element.canConvertToInt() || element.intValue() < 0
                    || element.intValue() > 255) {
                throw new ReportFormatException("attestation_report." + path + "[" + i
                        + "] must be a number from 0 to 255");
            }
            out.put(offset + i, (byte) element.intValue());
        }
    }
}
