package dev.arca.attestation.verifier.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.attestation.support.Requests;
import dev.arca.attestation.support.SyntheticIntelTestBase;
import dev.arca.csv.testpki.SyntheticCcEventLog;
import dev.arca.csv.testpki.SyntheticCsvEvidence;
import dev.arca.csv.testpki.SyntheticCsvReport;
import dev.arca.csv.testpki.TestHygonPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * POST /attestation with {@code csv} evidence of a test Hygon PKI (the AS pinning its HRK; the HRK and the chip's
 * HSK and CEK in the {@code hygon} folder of the offline collateral directory): a token with upstream's claims under
 * {@code csv}, appraised by the default CPU policy (which, as upstream's, has no CSV rule), and each refusal as
 * problem+json.
 */
class CsvAttestationApiTest extends SyntheticIntelTestBase {

    private static final TestHygonPki PKI = TestHygonPki.create();
    private static final byte[] REPORT_DATA = sha384("runtime");

    static {
        try {
            Path hygon = Files.createDirectories(COLLATERAL_DIR.getParent().resolve("hygon"));
            Files.write(hygon.resolve("hrk.cert"), PKI.hrk());
            Path chip = Files.createDirectories(hygon.resolve("hsk_cek").resolve(TestHygonPki.CHIP_ID));
            Files.write(chip.resolve("hsk_cek.cert"), PKI.hskCek());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void hrkPin(DynamicPropertyRegistry registry) {
        registry.add("arca.as.hygon.hrk-sha256", PKI::hrkSha256);
    }

    private static byte[] sha384(String text) {
        try {
            return MessageDigest.getInstance("SHA-384").digest(text.getBytes());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode csv(ObjectNode evidence) {
        return Requests.withRaw(request("csv", evidence), REPORT_DATA);
    }

    @Test
    void aVersion2ReportGetsATokenWithUpstreamsClaims() throws Exception {
        SyntheticCcEventLog log = SyntheticCcEventLog.typicalBoot();
        SyntheticCsvReport report = SyntheticCsvReport.v2().reportData(REPORT_DATA).rtmrsOf(log);

        JsonNode cpu0 = cpu0(attest(csv(SyntheticCsvEvidence.json(PKI, report, false, log.bytes())), null));

        JsonNode evidence = cpu0.path("ear.veraison.annotated-evidence");
        assertThat(evidence.path("report_data").asString()).isEqualTo(hex(java.util.Arrays.copyOf(REPORT_DATA, 64)));
        assertThat(evidence.at("/csv/version").asString()).isEqualTo("2");
        assertThat(evidence.at("/csv/measure").asString()).isEqualTo(hex(report.measure()));
        assertThat(evidence.at("/csv/rtmr3").asString()).isEqualTo(hex(log.rtmr(3)));
        assertThat(evidence.at("/csv/serial_number").asString()).isEqualTo(TestHygonPki.CHIP_ID);
        assertThat(evidence.at("/csv/uefi_event_logs")).hasSize(5);
        // upstream's default policy has no CSV rule: a verified report is appraised contraindicated
        assertThat(cpu0.path("ear.status").asString()).isEqualTo("contraindicated");
    }

    @Test
    void aVersion1ReportIsUnmasked() throws Exception {
        SyntheticCsvReport report = SyntheticCsvReport.v1().reportData(REPORT_DATA).policy(0x45);

        JsonNode csv = cpu0(attest(csv(SyntheticCsvEvidence.json(PKI, report, true, null)), null))
                .at("/ear.veraison.annotated-evidence/csv");

        assertThat(csv.path("version").asString()).isEqualTo("1");
        assertThat(csv.path("measure").asString()).isEqualTo(hex(report.measure()));
        assertThat(csv.at("/policy/nodbg").asInt()).isEqualTo(1);
        assertThat(csv.path("anonce").asString()).isEqualTo("26d7c75d");
    }

    @Test
    void refusalsAreProblemDetails() {
        SyntheticCsvReport report = SyntheticCsvReport.v1().reportData(REPORT_DATA);
        byte[] other = REPORT_DATA.clone();
        other[0] ^= 1;
        assertProblem(attest(Requests.withRaw(request("csv", SyntheticCsvEvidence.json(PKI, report, true, null)),
                other), null), 403, "evidence-rejected", "report data");
        TestHygonPki foreign = TestHygonPki.create();
        assertProblem(attest(csv(SyntheticCsvEvidence.json(foreign, report, true, null)), null), 403,
                "evidence-rejected", "HSK is not signed by the HRK");
        byte[] flipped = report.page(PKI);
        flipped[200] ^= 1;
        assertProblem(attest(csv(SyntheticCsvEvidence.json(report.magic(), 0, flipped, PKI.hsk(), PKI.cek(),
                PKI.pek(), TestHygonPki.CHIP_ID, null)), null), 403, "evidence-rejected", "not signed by the PEK");
        ObjectNode unknownChip = SyntheticCsvEvidence.json(report.magic(), 0, report.page(PKI), null, null, PKI.pek(),
                "OTHERCHIP", null);
        assertProblem(attest(csv(unknownChip), null), 503, "upstream-unavailable", "OTHERCHIP");
        ObjectNode trailing = SyntheticCsvEvidence.json(PKI, report, true, null);
        ((tools.jackson.databind.node.ArrayNode) trailing.get("attestation_report").get("data")).add(0);
        assertProblem(attest(csv(trailing), null), 400, "invalid-evidence", "attestation_report.data");
        assertProblem(attest(csv(Requests.JSON.createObjectNode()), null), 400, "invalid-evidence",
                "attestation_report");
    }
}
