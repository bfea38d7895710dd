package dev.arca.agent.attester.snp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.attester.InitDataBinding;
import dev.arca.agent.fakes.FakeConfigfsTsm;
import dev.arca.agent.fakes.FakeKernel;
import dev.arca.agent.platform.HostPaths;
import dev.arca.agent.platform.Platform;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Hex;
import dev.arca.model.json.Json;
import dev.arca.model.testing.Corpus;
import dev.arca.model.testing.RealEvidence;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SEV-SNP through configfs-tsm against a fake kernel serving SNP reports the tests build and sign; the nested class
 * repeats the checks on real SNP reports and VCEKs when the real-evidence corpus is present.
 */
class SnpAttesterTest {

    private static final ObjectNode REPORT_JSON = SyntheticSnpReport.json(2, 0, 0);
    private static final byte[] REPORT = SyntheticSnpReport.signed(REPORT_JSON);
    private static final byte[] VCEK = SyntheticSnpReport.VCEK;
    private static final UUID VCEK_GUID = UUID.fromString("63da758d-e664-4564-adc5-f4b93be8accd");

    @TempDir
    Path root;

    private FakeKernel kernel;

    @BeforeEach
    void kernel() {
        kernel = FakeKernel.at(root);
    }

    private SnpAttester attester() {
        return new SnpAttester(new Platform(kernel, HostPaths.fromSystemProperties(), Map.of()));
    }

    /** A host certificate table (GHCB spec): GUID, offset, length entries, an all-zero one, then the data. */
    static byte[] certTable(UUID guid, byte[] certificate) {
        ByteBuffer table = ByteBuffer.allocate(48 + certificate.length).order(ByteOrder.LITTLE_ENDIAN);
        table.order(ByteOrder.BIG_ENDIAN).putLong(guid.getMostSignificantBits())
                .putLong(guid.getLeastSignificantBits());
        table.order(ByteOrder.LITTLE_ENDIAN).putInt(48).putInt(certificate.length);
        table.put(new byte[24]).put(certificate);
        return table.array();
    }

    @Test
    void evidenceIsTheReportInSevCrateJsonFormWithTheHostCertificates() throws Exception {
        FakeConfigfsTsm tsm = kernel.configfsTsm("sev_guest").outblob(REPORT).auxblob(certTable(VCEK_GUID, VCEK));
        byte[] reportData = HashAlgorithm.SHA384.digest("runtime data".getBytes(StandardCharsets.UTF_8));

        JsonNode evidence = attester().evidence(reportData);

        assertThat(tsm.privlevels()).containsExactly("0");
        assertThat(tsm.inblobs()).singleElement().isEqualTo(Arrays.copyOf(reportData, 64));
        assertThat(tsm.liveObjects()).isZero();
        JsonNode report = evidence.get("attestation_report");
        // every field at its ABI offset: the JSON the report was built from comes back (a v2 report: Milan layout)
        assertThat(Json.tree(Json.write(report))).isEqualTo(Json.tree(Json.write(REPORT_JSON)));
        assertThat(report.get("reported_tcb")).isEqualTo(Json.tree(
                "{\"fmc\":null,\"bootloader\":3,\"tee\":0,\"snp\":20,\"microcode\":209}"));
        assertThat(report.get("cpuid_fam_id").isNull()).isTrue();
        assertThat(report.get("launch_mit_vector").isNull()).isTrue();
        assertThat(verifies(REPORT, VCEK)).isTrue();
        JsonNode chain = evidence.get("cert_chain");
        assertThat(chain).hasSize(1);
        assertThat(chain.get(0).get("cert_type").asString()).isEqualTo("VCEK");
        assertThat(bytes(chain.get(0).get("data"))).isEqualTo(VCEK);
    }

    @Test
    void aV3ReportRoundTripsAndTheCpuIdPicksTheLayout() throws Exception {
        ObjectNode genoa = SyntheticSnpReport.json(3, 0x19, 0x11);
        byte[] rebuilt = SyntheticSnpReport.signed(genoa);
        assertThat(verifies(rebuilt, VCEK)).isTrue();
        byte[] tampered = rebuilt.clone();
        tampered[0x90] ^= 1;
        assertThat(verifies(tampered, VCEK)).isFalse();

        kernel.configfsTsm("sev_guest").outblob(rebuilt);
        ObjectNode ours = (ObjectNode) attester().evidence(new byte[64]).get("attestation_report");

        assertThat(ours.get("launch_mit_vector").isNull()).isTrue();
        assertThat(Json.tree(Json.write(ours))).isEqualTo(Json.tree(Json.write(genoa)));
        assertThat(ours.get("cpuid_mod_id").asInt()).isEqualTo(0x11);

        byte[] unknownCpu = SyntheticSnpReport.signed(SyntheticSnpReport.json(3, 0x17, 0x01));
        kernel.configfsTsm("sev_guest").outblob(unknownCpu);
        assertThatThrownBy(() -> attester().evidence(new byte[0])).hasMessageContaining("unknown processor");
    }

    /** The same on real SNP reports and VCEKs (their values as published with them). */
    @Nested
    @RealEvidence
    class OnRealEvidence {

        @Test
        void evidenceIsTheRealReportInSevCrateJsonFormWithTheHostCertificates() throws Exception {
            byte[] real = Corpus.bytes("snp/trustee_test-report.bin");
            byte[] vcek = Corpus.bytes("snp/trustee_test-vcek.der");
            kernel.configfsTsm("sev_guest").outblob(real).auxblob(certTable(VCEK_GUID, vcek));

            JsonNode evidence = attester().evidence(new byte[48]);

            JsonNode report = evidence.get("attestation_report");
            // trustee's test report: a Milan v2 report
            assertThat(report.get("version").asInt()).isEqualTo(2);
            assertThat(report.get("policy").asLong()).isEqualTo(0x3001fL);
            assertThat(report.get("guest_svn").asInt()).isEqualTo(4);
            assertThat(report.get("vmpl").asInt()).isZero();
            assertThat(hex(report.get("measurement"))).isEqualTo("a1f3930413247bb38cfc171579ea3c12d5fe4901f0c792f6"
                    + "3fd75d98f1ef827c23500644e0e692e6be917f9050d3d38c");
            assertThat(hex(report.get("report_data"))).startsWith("ec6c52d7533cc2c4f45be7849cf112ab82b2009fe7bd43e7"
                    + "1ed08c14400ad7e2").endsWith("00000000");
            assertThat(hex(report.get("chip_id"))).startsWith("c38427a30d4c7af9d96f7a15b97269825a64cb76a2352ffd5d18");
            assertThat(hex(report.get("family_id"))).isEqualTo("01000000000000000000000000000000");
            assertThat(report.get("reported_tcb")).isEqualTo(Json.tree(
                    "{\"fmc\":null,\"bootloader\":3,\"tee\":0,\"snp\":8,\"microcode\":115}"));
            assertThat(report.get("current_tcb").get("microcode").asInt()).isEqualTo(206);
            assertThat(report.get("current")).isEqualTo(Json.tree("{\"major\":1,\"minor\":52,\"build\":4}"));
            assertThat(report.get("signature").get("r")).hasSize(72);
            assertThat(bytes(evidence.get("cert_chain").get(0).get("data"))).isEqualTo(vcek);
        }

        /**
         * Trustee's own SNP evidence JSON (a Genoa v3 report): rebuilding its 1184 bytes at the firmware ABI offsets
         * gives a report whose signature verifies with its VCEK, and the attester turns those bytes back into the
         * same JSON.
         */
        @Test
        void reportJsonRoundTripsTrusteesEvidenceAndTheRebuiltReportIsGenuine() throws Exception {
            JsonNode upstream = Json.tree(Corpus.text("snp/trustee_e2e_snp_evidence.json"));
            JsonNode upstreamReport = upstream.get("attestation_report");
            byte[] rebuilt = SnpReportEncoder.encode(upstreamReport);
            byte[] vcek = bytes(upstream.get("cert_chain").get(0).get("data"));
            assertThat(verifies(rebuilt, vcek)).isTrue();

            kernel.configfsTsm("sev_guest").outblob(rebuilt);
            ObjectNode ours = (ObjectNode) attester().evidence(new byte[64]).get("attestation_report");

            // sev 6.3 adds the mitigation vectors, null below report v5; trustee's older JSON lacks them
            assertThat(ours.remove("launch_mit_vector").isNull()).isTrue();
            assertThat(ours.remove("current_mit_vector").isNull()).isTrue();
            assertThat(Json.tree(Json.write(ours))).isEqualTo(upstreamReport); // as text on the wire
            assertThat(ours.get("cpuid_mod_id").asInt()).isEqualTo(0xA0);
        }
    }

    @Test
    void aV2ReportWithAnEightByteChipIdIsDecodedWithTheTurinTcbLayout() throws Exception {
        byte[] turin = REPORT.clone();
        Arrays.fill(turin, 0x1A8, 0x1E0, (byte) 0);
        kernel.configfsTsm("sev_guest").outblob(turin);

        JsonNode tcb = attester().evidence(new byte[0]).get("attestation_report").get("reported_tcb");

        // bytes at 0x180: [fmc, bl, tee, snp, 0, 0, 0, ucode]
        assertThat(tcb.get("fmc").asInt()).isEqualTo(Byte.toUnsignedInt(REPORT[0x180]));
        assertThat(tcb.get("bootloader").asInt()).isEqualTo(Byte.toUnsignedInt(REPORT[0x181]));
        assertThat(tcb.get("microcode").asInt()).isEqualTo(Byte.toUnsignedInt(REPORT[0x187]));
    }

    @Test
    void aV2ReportWithAMaskedChipIdIsDecodedInTheMilanGenoaLayout() throws Exception {
        byte[] masked = REPORT.clone();
        Arrays.fill(masked, 0x1A0, 0x1E0, (byte) 0);
        kernel.configfsTsm("sev_guest").outblob(masked);

        // version-2 reports come from Milan/Genoa firmware: [bl, tee, 0, 0, 0, 0, snp, ucode]
        JsonNode tcb = attester().evidence(new byte[0]).get("attestation_report").get("reported_tcb");
        assertThat(tcb.get("fmc").isNull()).isTrue();
        assertThat(tcb.get("bootloader").asInt()).isEqualTo(Byte.toUnsignedInt(masked[0x180]));
        assertThat(tcb.get("snp").asInt()).isEqualTo(Byte.toUnsignedInt(masked[0x186]));
    }

    @Test
    void noCertificateTableIsNullAndUnknownGuidsAreOther() throws Exception {
        kernel.configfsTsm("sev_guest").outblob(REPORT);
        assertThat(attester().evidence(new byte[0]).get("cert_chain").isNull()).isTrue();

        UUID other = UUID.fromString("11111111-2222-3333-4444-555555555555");
        JsonNode chain = SnpCertTable.toJson(certTable(other, new byte[] {1, 2}));
        assertThat(chain.get(0).get("cert_type")).isEqualTo(Json.tree("{\"OTHER\":\"" + other + "\"}"));
        assertThat(SnpCertTable.toJson(new byte[24]).isNull()).isTrue();
        assertThatThrownBy(() -> SnpCertTable.toJson(Arrays.copyOf(certTable(other, new byte[2]), 24)))
                .hasMessageContaining("past the table");
    }

    @Test
    void initDataIsComparedWithHostData() throws Exception {
        ObjectNode zeroHostData = SyntheticSnpReport.json(2, 0, 0);
        zeroHostData.set("host_data", Json.MAPPER.valueToTree(new int[32]));
        FakeConfigfsTsm tsm = kernel.configfsTsm("sev_guest").outblob(SyntheticSnpReport.signed(zeroHostData));

        // the report has all-zero HOST_DATA; a SHA-384 digest is cut to 32 bytes
        byte[] zeroHead = new byte[48];
        Arrays.fill(zeroHead, 32, 48, (byte) 7);
        assertThat(attester().bindInitData(zeroHead).outcome()).isEqualTo(InitDataBinding.Outcome.MATCHES);
        InitDataBinding other = attester().bindInitData(HashAlgorithm.SHA256.digest(new byte[1]));
        assertThat(other.outcome()).isEqualTo(InitDataBinding.Outcome.MISMATCH);
        assertThat(other.detail()).contains("HOST_DATA is " + "00".repeat(32));
        assertThat(tsm.inblobs()).allSatisfy(inblob -> assertThat(inblob).isEqualTo(new byte[64]));
    }

    @Test
    void detectionIsTheSevGuestPlatformDevice() {
        assertThat(SnpAttester.detect(new Platform(kernel, HostPaths.fromSystemProperties(), Map.of()))).isFalse();
        kernel.directory("/sys/devices/platform/sev-guest");
        assertThat(SnpAttester.detect(new Platform(kernel, HostPaths.fromSystemProperties(), Map.of()))).isTrue();
    }

    /** ECDSA P-384/SHA-384 over bytes 0x000–0x29F, r and s little-endian (AMD SEV-SNP ABI, ATTESTATION_REPORT). */
    private static boolean verifies(byte[] report, byte[] vcekDer) throws Exception {
        X509Certificate vcek = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(vcekDer));
        ASN1EncodableVector rs = new ASN1EncodableVector();
        rs.add(new ASN1Integer(littleEndian(report, 0x2A0)));
        rs.add(new ASN1Integer(littleEndian(report, 0x2E8)));
        Signature ecdsa = Signature.getInstance("SHA384withECDSA");
        ecdsa.initVerify(vcek.getPublicKey());
        ecdsa.update(report, 0, 0x2A0);
        return ecdsa.verify(new DERSequence(rs).getEncoded());
    }

    private static BigInteger littleEndian(byte[] bytes, int offset) {
        byte[] big = new byte[72];
        for (int i = 0; i < 72; i++) {
            big[i] = bytes[offset + 71 - i];
        }
        return new BigInteger(1, big);
    }

    private static String hex(JsonNode array) {
        return Hex.of(bytes(array));
    }

    private static byte[] bytes(JsonNode array) {
        byte[] out = new byte[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) array.get(i).asInt();
        }
        return out;
    }
}
