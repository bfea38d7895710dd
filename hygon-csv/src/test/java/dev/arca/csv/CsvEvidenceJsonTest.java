package dev.arca.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.csv.CsvVerificationException.Reason;
import dev.arca.csv.testpki.SyntheticCcEventLog;
import dev.arca.csv.testpki.SyntheticCsvEvidence;
import dev.arca.csv.testpki.SyntheticCsvReport;
import dev.arca.csv.testpki.TestHygonPki;
import dev.arca.model.json.Json;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The serde JSON of Trustee's CSV attester, rebuilt into the certificates' and the report's bytes. */
class CsvEvidenceJsonTest {

    private static final TestHygonPki PKI = TestHygonPki.create();

    private static ObjectNode evidence() {
        return SyntheticCsvEvidence.json(PKI, SyntheticCsvReport.v2(), true, SyntheticCcEventLog.typicalBoot().bytes());
    }

    private static void refused(Consumer<ObjectNode> edit, String message) {
        ObjectNode json = evidence();
        edit.accept(json);
        assertThatThrownBy(() -> CsvEvidenceJson.parse(json))
                .isInstanceOfSatisfying(CsvVerificationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.FORMAT);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Test
    void certificatesAndReportAreRebuiltByteForByte() throws Exception {
        SyntheticCsvReport report = SyntheticCsvReport.v2();
        byte[] log = SyntheticCcEventLog.typicalBoot().bytes();
        ObjectNode json = SyntheticCsvEvidence.json(report.magic(), 1, report.page(PKI), PKI.hsk(), PKI.cek(),
                PKI.pek(), TestHygonPki.CHIP_ID, log);

        // through text, as the AS receives it
        CsvEvidence parsed = CsvEvidenceJson.parse(Json.tree(Json.write(json)));

        assertThat(parsed.hskCek()).isEqualTo(PKI.hskCek());
        assertThat(parsed.pek()).isEqualTo(PKI.pek());
        assertThat(parsed.magic()).isEqualTo(SyntheticCsvReport.EXT_MAGIC);
        assertThat(parsed.flags()).isEqualTo(1);
        assertThat(parsed.chipId()).isEqualTo(TestHygonPki.CHIP_ID);
        assertThat(parsed.ccEventLog()).isEqualTo(log);
    }

    @Test
    void hskCekAndEventLogAreOptional() throws Exception {
        ObjectNode json = evidence();
        ((ObjectNode) json.get("cert_chain")).putNull("hsk_cek");
        json.putNull("cc_eventlog");

        CsvEvidence parsed = CsvEvidenceJson.parse(json);

        assertThat(parsed.hskCekIfPresent()).isEmpty();
        assertThat(parsed.ccEventLogIfPresent()).isEmpty();
        json.remove("cc_eventlog");
        assertThat(CsvEvidenceJson.parse(json).ccEventLogIfPresent()).isEmpty();
    }

    @Test
    void malformedEvidenceIsRefusedNamingTheField() {
        refused(json -> json.remove("attestation_report"), "attestation_report must be an object");
        refused(json -> ((ArrayNode) json.get("attestation_report").get("data")).remove(0),
                "attestation_report.data must be a list of exactly 4096 bytes");
        refused(json -> ((ArrayNode) json.get("attestation_report").get("magic")).set(3, 256),
                "attestation_report.magic[3] must be a number from 0 to 255");
        refused(json -> ((ObjectNode) json.get("attestation_report")).put("flags", -1),
                "attestation_report.flags must be a number from 0 to 4294967295");
        refused(json -> ((ObjectNode) json.get("cert_chain").get("pek").get("body").get("data").get("pubkey"))
                .put("usage", "PEK"), "cert_chain.pek.body.data.pubkey.usage must be a number");
        refused(json -> ((ArrayNode) json.get("cert_chain").get("pek").get("sigs")).remove(1),
                "cert_chain.pek.sigs must be a list of two signature slots");
        refused(json -> ((ObjectNode) json.get("cert_chain").get("hsk_cek").get("hsk").get("body"))
                .put("uid_size", 65536), "cert_chain.hsk_cek.hsk.body.uid_size must be a number from 0 to 65535");
        refused(json -> ((ObjectNode) json.get("cert_chain").get("hsk_cek")).remove("cek"),
                "cek must be an object");
        refused(json -> ((ObjectNode) json.get("cert_chain")).put("hsk_cek", "both"), "cert_chain.hsk_cek must be");
        refused(json -> json.put("cc_eventlog", "not base64!"), "cc_eventlog is not standard base64");
    }

    @Test
    void serialNumberMustBeAChipIdPaddedWithNuls() {
        refused(json -> json.putArray("serial_number"), "serial_number must be a chip id");
        refused(json -> json.putArray("serial_number").add('.').add('.').add('/'), "serial_number must be a chip id");
        refused(json -> json.putArray("serial_number").add('A').add(0).add('B'), "serial_number must be a chip id");
        refused(json -> json.putArray("serial_number").add('A').add(0xC3), "serial_number must be a chip id");
        refused(json -> {
            ArrayNode serial = json.putArray("serial_number");
            for (int i = 0; i < 65; i++) {
                serial.add('A');
            }
        }, "serial_number must be a list of at most 64 bytes");
    }

    @Test
    void notAnObjectIsRefused() {
        assertThatThrownBy(() -> CsvEvidenceJson.parse(Json.tree("[1, 2]")))
                .isInstanceOfSatisfying(CsvVerificationException.class,
                        e -> assertThat(e.getMessage()).contains("csv evidence must be a JSON object"));
        assertThatThrownBy(() -> CsvEvidenceJson.parse(null)).isInstanceOf(CsvVerificationException.class);
    }

    @Test
    void membersTheFormatDoesNotDefineAreIgnoredAsSerdeDoes() throws Exception {
        ObjectNode json = evidence();
        json.put("extra", true);
        ((ObjectNode) json.get("cert_chain").get("pek")).put("note", "ignored");

        assertThat(Arrays.equals(CsvEvidenceJson.parse(json).pek(), PKI.pek())).isTrue();
    }
}
