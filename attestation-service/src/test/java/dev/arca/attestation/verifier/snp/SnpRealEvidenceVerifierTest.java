package dev.arca.attestation.verifier.snp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.attestation.collateral.CollateralProperties;
import dev.arca.attestation.collateral.CollateralProviders;
import dev.arca.attestation.collateral.TestCollateral;
import dev.arca.attestation.verifier.DeviceClaims;
import dev.arca.attestation.verifier.VerificationException.Failure;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.model.json.Json;
import dev.arca.model.testing.Corpus;
import dev.arca.model.testing.RealEvidence;
import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.testpki.SevReportJsonWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code snp} verifier on the real SNP evidence of the vectors MANIFEST §5, with AMD's pinned ARKs and the ASK/ARK
 * chains Trustee ships (read from the corpus into a temporary offline folder at run time, never into the repository).
 */
@RealEvidence
class SnpRealEvidenceVerifierTest {

    private static final Instant PINNED = Instant.parse("2025-06-01T00:00:00Z");

    @TempDir
    Path dir;

    private SnpVerifier verifier;

    @BeforeEach
    void setUp() throws Exception {
        Path amd = Files.createDirectories(dir.resolve("amd"));
        for (ProcessorGeneration generation : ProcessorGeneration.values()) {
            Path product = Files.createDirectories(amd.resolve(generation.productName()));
            byte[] bundle = Corpus.bytes("amd-certs/trustee_" + generation.productName().toLowerCase()
                    + "_ask_ark_asvk.pem");
            Files.write(product.resolve("cert_chain.pem"), bundle);
            Files.write(product.resolve("vlek_cert_chain.pem"), bundle);
        }
        CollateralProperties collateral = TestCollateral.properties(dir, Duration.ofMinutes(1));
        AmdProperties properties = new AmdProperties(URI.create("https://kdsintf.amd.com"), null, 0, null);
        AmdSnp amdSnp = new AmdSnpConfiguration().amdSnp(properties, collateral, new CollateralProviders(collateral,
                null, java.time.Clock.systemUTC(), new SimpleMeterRegistry()));
        verifier = new SnpVerifier(amdSnp, properties);
    }

    @Test
    void trusteesE2eEvidenceAsUpstreamSendsIt() throws Exception {
        JsonNode evidence = Json.MAPPER.readTree(Corpus.text("snp/trustee_e2e_snp_evidence.json"));
        byte[] reportData = HexFormat.of().parseHex("7e7320889600c7ac133aea7b896c51f41026002982292a7369559796999c1bf9"
                + "29eef3ff23c46e858f0b1982f9a92b17c51b578d958cde6b0c92978f150cf9b0");

        List<DeviceClaims> devices = verifier.verify(evidence, Optional.of(reportData), Optional.of(new byte[32]),
                PINNED);

        assertThat(devices).singleElement().satisfies(d -> assertThat(d.deviceClass()).isEqualTo("cpu"));
        ObjectNode claims = devices.getFirst().claims();
        // upstream's names and JSON types (Trustee snp verifier parse_tee_evidence)
        assertThat(claims.get("policy_abi_major").isIntegralNumber()).isTrue();
        assertThat(claims.get("policy_smt_allowed").booleanValue()).isTrue();
        assertThat(claims.get("policy_debug_allowed").booleanValue()).isFalse();
        assertThat(claims.get("policy_migrate_ma").booleanValue()).isFalse();
        assertThat(claims.get("reported_tcb_bootloader").intValue()).isEqualTo(10);
        assertThat(claims.get("reported_tcb_tee").intValue()).isZero();
        assertThat(claims.get("reported_tcb_snp").intValue()).isEqualTo(23);
        assertThat(claims.get("reported_tcb_microcode").intValue()).isEqualTo(25);
        assertThat(claims.get("measurement").stringValue()).isEqualTo("6a6519d757e68c2e939c9dbbbc1828498e8de35d2766dd0"
                + "5f1a2cca5059d0cf4ae62a36d75c837974dd50b315506e73e");
        assertThat(claims.get("report_data").stringValue()).isEqualTo(HexFormat.of().formatHex(reportData));
        assertThat(claims.get("init_data").stringValue()).isEqualTo("00".repeat(32));
        assertThat(claims.get("chip_id").stringValue()).startsWith("371c55d6d15cb50f16dc31d39a24e300");
        assertThat(claims.get("product").stringValue()).isEqualTo("Genoa");

        reportData[0] ^= 1;
        assertThatThrownBy(() -> verifier.verify(evidence, Optional.of(reportData), Optional.empty(), PINNED))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.REPORT_DATA_MISMATCH));
    }

    @Test
    void aVersion2ReportWithItsVcekAsArcasAgentSendsIt() throws Exception {
        ObjectNode evidence = SevReportJsonWriter.evidence(Corpus.bytes("snp/gosev_attestation.bin"),
                ProcessorGeneration.MILAN, "VCEK", Corpus.bytes("snp/gosev_vcek.testcer.der"));

        ObjectNode claims = verifier.verify(evidence, Optional.empty(), Optional.empty(), PINNED).getFirst().claims();

        assertThat(claims.get("policy_debug_allowed").booleanValue()).isTrue();
        assertThat(claims.get("report_version").intValue()).isEqualTo(2);
    }

    @Test
    void theAwsVlekReportIsRefusedForItsVmplAndLaterForItsExpiry() throws Exception {
        ObjectNode evidence = SevReportJsonWriter.evidence(Corpus.bytes("snp/trustee_test-vlek-report.bin"),
                ProcessorGeneration.MILAN, "VLEK", Corpus.bytes("snp/trustee_test-vlek.der"));

        assertThatThrownBy(() -> verifier.verify(evidence, Optional.empty(), Optional.empty(), PINNED))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.TCB_REJECTED))
                .hasMessageContaining("VMPL 1");
        assertThatThrownBy(() -> verifier.verify(evidence, Optional.empty(), Optional.empty(),
                Instant.parse("2026-11-26T00:00:00Z")))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.COLLATERAL_EXPIRED));
    }
}
