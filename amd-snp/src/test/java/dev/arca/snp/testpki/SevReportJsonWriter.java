package dev.arca.snp.testpki;

import dev.arca.model.json.Json;
import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.SnpVerificationException;
import dev.arca.snp.report.AttestationReport;
import dev.arca.snp.report.FirmwareVersion;
import dev.arca.snp.report.ReportParser;
import dev.arca.snp.report.TcbVersion;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a report in the sev crate's JSON shape (its serde of {@code AttestationReport}), field by field as upstream's
 * SNP attester sends it, for tests of the readers of that shape.
 */
public final class SevReportJsonWriter {

    private SevReportJsonWriter() {
    }

    /** The {@code {"attestation_report": ..., "cert_chain": [{"cert_type", "data"}...]}} evidence of upstream. */
    public static ObjectNode evidence(byte[] report, ProcessorGeneration generation, String certType, byte[] der)
            throws SnpVerificationException {
        ObjectNode evidence = Json.MAPPER.createObjectNode();
        evidence.set("attestation_report", json(report, generation));
        if (der == null) {
            evidence.putNull("cert_chain");
        } else {
            ObjectNode entry = evidence.putArray("cert_chain").addObject();
            entry.put("cert_type", certType);
            entry.set("data", array(der));
        }
        return evidence;
    }

    /** The sev crate's serde of AttestationReport, from the report's bytes. */
    public static ObjectNode json(byte[] bytes, ProcessorGeneration generation) throws SnpVerificationException {
        AttestationReport report = ReportParser.parse(bytes);
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("version", report.version());
        json.put("guest_svn", report.guestSvn());
        json.put("policy", new java.math.BigInteger(Long.toUnsignedString(report.policy().raw())));
        json.set("family_id", array(report.familyId()));
        json.set("image_id", array(report.imageId()));
        json.put("vmpl", report.vmpl());
        json.put("sig_algo", report.signatureAlgorithm());
        json.set("current_tcb", tcb(report.currentTcb(generation)));
        json.put("plat_info", report.platformInfo().raw());
        json.put("key_info", ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(0x48));
        json.set("report_data", array(report.reportData()));
        json.set("measurement", array(report.measurement()));
        json.set("host_data", array(report.hostData()));
        json.set("id_key_digest", array(report.idKeyDigest()));
        json.set("author_key_digest", array(report.authorKeyDigest()));
        json.set("report_id", array(report.reportId()));
        json.set("report_id_ma", array(report.reportIdMa()));
        json.set("reported_tcb", tcb(report.reportedTcb(generation)));
        if (report.cpuid().isPresent()) {
            json.put("cpuid_fam_id", report.cpuid().get().family());
            json.put("cpuid_mod_id", report.cpuid().get().model());
            json.put("cpuid_step", report.cpuid().get().stepping());
        } else {
            json.putNull("cpuid_fam_id");
            json.putNull("cpuid_mod_id");
            json.putNull("cpuid_step");
        }
        json.set("chip_id", array(report.chipId()));
        json.set("committed_tcb", tcb(report.committedTcb(generation)));
        json.set("current", version(report.currentVersion()));
        json.set("committed", version(report.committedVersion()));
        json.set("launch_tcb", tcb(report.launchTcb(generation)));
        if (report.launchMitigationVector().isPresent()) {
            json.put("launch_mit_vector", report.launchMitigationVector().get());
            json.put("current_mit_vector", report.currentMitigationVector().get());
        } else {
            json.putNull("launch_mit_vector");
            json.putNull("current_mit_vector");
        }
        ObjectNode signature = json.putObject("signature");
        signature.set("r", array(report.signatureR()));
        signature.set("s", array(report.signatureS()));
        return json;
    }

    private static ObjectNode tcb(TcbVersion tcb) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        if (tcb.hasFmc()) {
            node.put("fmc", tcb.fmc());
        } else {
            node.putNull("fmc");
        }
        node.put("bootloader", tcb.bootloader());
        node.put("tee", tcb.tee());
        node.put("snp", tcb.snp());
        node.put("microcode", tcb.microcode());
        return node;
    }

    private static ObjectNode version(FirmwareVersion version) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("major", version.major());
        node.put("minor", version.minor());
        node.put("build", version.build());
        return node;
    }

    private static ArrayNode array(byte[] bytes) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (byte b : bytes) {
            array.add(Byte.toUnsignedInt(b));
        }
        return array;
    }
}
