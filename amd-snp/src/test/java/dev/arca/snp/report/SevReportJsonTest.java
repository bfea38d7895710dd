package dev.arca.snp.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.json.Json;
import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.testpki.AmdTestPki;
import dev.arca.snp.testpki.SevReportJsonWriter;
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

    static ObjectNode json(byte[] bytes, ProcessorGeneration generation) throws Exception {
        return SevReportJsonWriter.json(bytes, generation);
    }
}
