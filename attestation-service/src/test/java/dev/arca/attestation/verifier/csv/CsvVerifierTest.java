package dev.arca.attestation.verifier.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.attestation.verifier.DeviceClaims;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.VerificationException.Failure;
import dev.arca.csv.CsvReportVerifier;
import dev.arca.csv.CsvVerificationException;
import dev.arca.csv.CsvVerificationException.Reason;
import dev.arca.csv.cert.HygonCertificateChain;
import dev.arca.csv.testpki.SyntheticCcEventLog;
import dev.arca.csv.testpki.SyntheticCsvEvidence;
import dev.arca.csv.testpki.SyntheticCsvReport;
import dev.arca.csv.testpki.TestHygonPki;
import dev.arca.model.tee.Tee;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The csv verifier: upstream's claims of v1 and v2 reports, and the translation of every hygon-csv refusal. */
class CsvVerifierTest {

    private static final TestHygonPki PKI = TestHygonPki.create();
    private static final CsvVerifier VERIFIER = new CsvVerifier(new CsvReportVerifier(
            new HygonCertificateChain(PKI.hrkSha256()), PKI.source()));
    private static final byte[] NONCE = "nonce".getBytes();
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    private static ObjectNode claims(ObjectNode evidence) throws VerificationException {
        List<DeviceClaims> devices = VERIFIER.verify(evidence, Optional.of(NONCE), Optional.empty(), NOW);
        assertThat(devices).hasSize(1);
        assertThat(devices.getFirst().deviceClass()).isEqualTo("cpu");
        return devices.getFirst().claims();
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    @Test
    void version1ClaimsAreUpstreams() throws Exception {
        SyntheticCsvReport report = SyntheticCsvReport.v1().reportData(NONCE).policy(0x0403_2145L);

        ObjectNode claims = claims(SyntheticCsvEvidence.json(PKI, report, true, null));

        assertThat(names(claims)).containsExactlyInAnyOrder("version", "policy", "user_pubkey_digest", "vm_id",
                "vm_version", "report_data", "mnonce", "measure", "sig_usage", "sig_algo", "anonce", "serial_number");
        assertThat(claims.path("version").asString()).isEqualTo("1");
        assertThat(claims.path("report_data").asString()).isEqualTo(hex(Arrays.copyOf(NONCE, 64)));
        assertThat(claims.path("measure").asString()).isEqualTo(hex(report.measure()));
        assertThat(claims.path("sig_usage").asString()).isEqualTo("02100000");
        assertThat(claims.path("sig_algo").asString()).isEqualTo("04000000");
        assertThat(claims.path("anonce").asString()).isEqualTo("26d7c75d");
        assertThat(claims.path("serial_number").asString()).isEqualTo(TestHygonPki.CHIP_ID);
        JsonNode policy = claims.path("policy");
        assertThat(names(policy)).containsExactly("nodbg", "noks", "es", "nosend", "domain", "csv", "csv3",
                "asid_reuse", "hsk_version", "cek_version", "api_major", "api_minor");
        assertThat(policy.path("nodbg").asInt()).isEqualTo(1);
        assertThat(policy.path("es").asInt()).isEqualTo(1);
        assertThat(policy.path("csv3").asInt()).isEqualTo(1);
        assertThat(policy.path("hsk_version").asInt()).isEqualTo(1);
        assertThat(policy.path("cek_version").asInt()).isEqualTo(2);
        assertThat(policy.path("api_major").asInt()).isEqualTo(3);
        assertThat(policy.path("api_minor").asInt()).isEqualTo(4);
    }

    @Test
    void version2ClaimsAreUpstreamsWithTheEventLog() throws Exception {
        SyntheticCcEventLog log = SyntheticCcEventLog.typicalBoot();
        SyntheticCsvReport report = SyntheticCsvReport.v2().reportData(NONCE).rtmrsOf(log);

        ObjectNode claims = claims(SyntheticCsvEvidence.json(PKI, report, false, log.bytes()));

        assertThat(names(claims)).containsExactlyInAnyOrder("version", "policy", "user_pubkey_digest", "vm_id",
                "vm_version", "report_data", "mnonce", "measure", "sig_usage", "sig_algo", "build", "rtmr_version",
                "reserved0", "rtmr0", "rtmr1", "rtmr2", "rtmr3", "rtmr4", "reserved1", "serial_number",
                "uefi_event_logs");
        assertThat(claims.path("version").asString()).isEqualTo("2");
        assertThat(claims.path("build").asLong()).isEqualTo(2337);
        assertThat(claims.path("rtmr_version").asInt()).isEqualTo(1);
        assertThat(claims.path("rtmr0").asString()).isEqualTo(hex(report.measure()));
        assertThat(claims.path("rtmr3").asString()).isEqualTo(hex(log.rtmr(3)));
        assertThat(claims.path("uefi_event_logs")).hasSize(5);
        assertThat(claims.at("/uefi_event_logs/2/digests/0/alg").asString()).isEqualTo("SM3");
        assertThat(claims.at("/uefi_event_logs/2/type_name").asString()).isEqualTo("EV_IPL");
    }

    @Test
    void initDataIsNotBoundAsUpstreamDoesNot() throws Exception {
        ObjectNode evidence = SyntheticCsvEvidence.json(PKI, SyntheticCsvReport.v2().reportData(NONCE), true, null);

        List<DeviceClaims> devices = VERIFIER.verify(evidence, Optional.of(NONCE), Optional.of(new byte[32]), NOW);

        assertThat(devices.getFirst().claims().has("init_data")).as("no init_data claim, so no init-data claims")
                .isFalse();
    }

    @Test
    void refusalsOfTheRealPathReachTheFramework() {
        assertThatThrownBy(() -> VERIFIER.verify(SyntheticCsvEvidence.json(PKI, SyntheticCsvReport.v1()
                .reportData(NONCE), true, null), Optional.of(new byte[] {1}), Optional.empty(), NOW))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.REPORT_DATA_MISMATCH));
        assertThatThrownBy(() -> VERIFIER.verify(JsonNodeFactoryHolder.EMPTY, Optional.of(NONCE), Optional.empty(),
                NOW)).isInstanceOfSatisfying(VerificationException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.MALFORMED_EVIDENCE);
                    assertThat(e.getMessage()).contains("attestation_report");
                });
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void everyRefusalIsTranslated(Reason reason) {
        CsvVerificationException refusal = new CsvVerificationException(reason, "detail");
        if (reason == Reason.UNEXPECTED) {
            assertThatThrownBy(() -> CsvVerifier.translate(refusal)).isInstanceOf(IllegalStateException.class);
            return;
        }
        Failure expected = switch (reason) {
            case FORMAT -> Failure.MALFORMED_EVIDENCE;
            case ROOT_KEY, HSK_SIGNATURE, CEK_SIGNATURE, PEK_SIGNATURE -> Failure.UNTRUSTED_CHAIN;
            case REPORT_SIGNATURE -> Failure.SIGNATURE_INVALID;
            case REPORT_DATA_MISMATCH -> Failure.REPORT_DATA_MISMATCH;
            case EVENT_LOG_MISMATCH -> Failure.EVENT_LOG_MISMATCH;
            case CERTIFICATES_UNAVAILABLE -> Failure.COLLATERAL_UNAVAILABLE;
            case UNEXPECTED -> throw new AssertionError();
        };
        VerificationException translated = CsvVerifier.translate(refusal);
        assertThat(translated.failure()).isEqualTo(expected);
        assertThat(translated.getMessage()).contains("detail");
    }

    @Test
    void theTeeIsCsv() {
        assertThat(VERIFIER.tee()).isEqualTo(Tee.CSV);
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    private static final class JsonNodeFactoryHolder {
        static final ObjectNode EMPTY = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }
}
