package dev.arca.snp.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.json.Json;
import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.testpki.AmdTestPki;
import dev.arca.snp.testpki.SnpReportBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The sev crate's JSON shape, written here field by field as upstream's attester and Arca's agent write it. */
class SevReportJsonTest {

    @ParameterizedTest
    @EnumSource(ProcessorGeneration.class)
    void theJsonOfASignedReportRebuildsItsExactBytes(ProcessorGeneration generation) throws Exception {
        SnpReportBuilder builder = SnpReportBuilder.forGeneration(generation).version(5).guestSvn(3)
                .policy(0x30000).platformInfo(0x25).reportData(new byte[] {9, 8, 7}).hostData(new byte[] {6})
                .chipId(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})
                .tcb(TcbVersion.of(generation, 1, 4, 0, 24, 219));
        byte[] bytes = builder.signedBy(AmdTestPki.ec384().getPrivate());
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0x1F8, 5L);

        assertThat(SevReportJson.toBytes(json(bytes, generation))).isEqualTo(bytes);
    }

    @Test
    void aVersion2ReportHasNullCpuidAndMitigationVectors() throws Exception {
        byte[] bytes = new SnpReportBuilder().version(2).signedBy(AmdTestPki.ec384().getPrivate());

        assertThat(SevReportJson.toBytes(json(bytes, ProcessorGeneration.MILAN))).isEqualTo(bytes);
    }

    @Test
    void shapeErrorsNameTheField() throws Exception {
        byte[] bytes = new SnpReportBuilder().unsigned();
        ObjectNode json = json(bytes, ProcessorGeneration.MILAN);
        json.put("vmpl", -1);
        assertThatThrownBy(() -> SevReportJson.toBytes(json)).hasMessageContaining("attestation_report.vmpl");
        ObjectNode shortChip = json(bytes, ProcessorGeneration.MILAN);
        ((ArrayNode) shortChip.get("chip_id")).remove(0);
        assertThatThrownBy(() -> SevReportJson.toBytes(shortChip)).hasMessageContaining("chip_id must be a list of 64");
        ObjectNode badByte = json(bytes, ProcessorGeneration.MILAN);
        ((ArrayNode) badByte.get("measurement")).set(3, 256);
        assertThatThrownBy(() -> SevReportJson.toBytes(badByte)).hasMessageContaining("measurement[3]");
        ObjectNode noTcb = json(bytes, ProcessorGeneration.MILAN);
        noTcb.put("reported_tcb", "x");
        assertThatThrownBy(() -> SevReportJson.toBytes(noTcb)).hasMessageContaining("reported_tcb");
        ObjectNode noSignature = json(bytes, ProcessorGeneration.MILAN);
        noSignature.remove("signature");
        assertThatThrownBy(() -> SevReportJson.toBytes(noSignature)).hasMessageContaining("signature");
        assertThatThrownBy(() -> SevReportJson.toBytes(Json.MAPPER.createArrayNode()))
                .hasMessageContaining("JSON object");
        ObjectNode hugePolicy = json(bytes, ProcessorGeneration.MILAN);
        hugePolicy.put("policy", new java.math.BigInteger("18446744073709551616"));
        assertThatThrownBy(() -> SevReportJson.toBytes(hugePolicy)).hasMessageContaining("64 unsigned bits");
    }

    /** The sev crate's serde of AttestationReport, from the report's bytes (the test's own writer). */
    static ObjectNode json(byte[] bytes, ProcessorGeneration generation) throws Exception {
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
