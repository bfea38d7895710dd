package dev.arca.snp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.json.Json;
import dev.arca.model.testing.Corpus;
import dev.arca.model.testing.RealEvidence;
import dev.arca.snp.SnpVerificationException.Reason;
import dev.arca.snp.cert.AmdRootKeys;
import dev.arca.snp.cert.CaCertificates;
import dev.arca.snp.cert.Certificates;
import dev.arca.snp.cert.ChainVerifier;
import dev.arca.snp.cert.EndorsementKey;
import dev.arca.snp.cert.EndorsementKeyParser;
import dev.arca.snp.cert.VerifiedCaChain;
import dev.arca.snp.claims.SnpClaims;
import dev.arca.snp.report.SevReportJson;
import dev.arca.snp.report.SigningKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every AMD case of the vectors MANIFEST (§5, and the SNP reports inside the §6 Azure HCL reports). */
@RealEvidence
class SnpRealEvidenceTest {

    private static final HexFormat HEX = HexFormat.of();

    private final SnpVerifier verifier = AmdVectors.verifier();

    private static List<CertTableEntry> vcek(byte[] der) {
        return List.of(new CertTableEntry(CertTableEntry.Type.VCEK, der));
    }

    private static List<CertTableEntry> vlek(byte[] der) {
        return List.of(new CertTableEntry(CertTableEntry.Type.VLEK, der));
    }

    private static byte[] flipped(byte[] bytes, int index, int delta) {
        byte[] copy = bytes.clone();
        copy[index] = (byte) (copy[index] + delta);
        return copy;
    }

    private static byte[] xored(byte[] bytes, int index, int mask) {
        byte[] copy = bytes.clone();
        copy[index] ^= (byte) mask;
        return copy;
    }

    private Reason refusal(byte[] report, List<CertTableEntry> table, Instant at) {
        try {
            verifier.verify(report, table, SnpExpectations.none(), at);
        } catch (SnpVerificationException e) {
            return e.reason();
        }
        throw new AssertionError("accepted");
    }

    @Nested
    class TrusteeMilanV2 {

        private final byte[] report = AmdVectors.bytes("snp/trustee_test-report.bin");
        private final byte[] vcekDer = AmdVectors.bytes("snp/trustee_test-vcek.der");

        @Test
        void verifiesWithTheGenerationFromTheVcekProductName() throws Exception {
            SnpVerificationResult result = verifier.verify(report, vcek(vcekDer), SnpExpectations.none(),
                    AmdVectors.PINNED);

            assertThat(result.report().version()).isEqualTo(2);
            assertThat(result.report().cpuid()).isEmpty();
            assertThat(result.generation()).isEqualTo(ProcessorGeneration.MILAN);
            assertThat(result.endorsementKey().productName()).isEqualTo("Milan-B0");
            ObjectNode claims = SnpClaims.build(result);
            assertThat(claims.get("policy_abi_major").intValue()).isZero();
            assertThat(claims.get("policy_abi_minor").intValue()).isEqualTo(31);
            assertThat(claims.get("policy_smt_allowed").booleanValue()).isTrue();
            assertThat(claims.get("policy_debug_allowed").booleanValue()).isFalse();
            assertThat(claims.get("vmpl").intValue()).isZero();
            assertThat(claims.get("guest_svn").intValue()).isEqualTo(4);
            assertThat(claims.get("signing_key").stringValue()).isEqualTo("VCEK");
            assertThat(claims.get("family_id").stringValue()).isEqualTo("01000000000000000000000000000000");
            assertThat(claims.get("image_id").stringValue()).isEqualTo("02000000000000000000000000000000");
            assertThat(claims.get("measurement").stringValue()).isEqualTo("a1f3930413247bb38cfc171579ea3c12d5fe4901f0c"
                    + "792f63fd75d98f1ef827c23500644e0e692e6be917f9050d3d38c");
            assertThat(claims.get("report_data").stringValue()).isEqualTo("ec6c52d7533cc2c4f45be7849cf112ab82b2009fe7b"
                    + "d43e71ed08c14400ad7e2" + "0".repeat(64));
            assertThat(claims.get("init_data").stringValue()).isEqualTo("0".repeat(64));
            assertThat(claims.get("id_key_digest").stringValue()).isEqualTo("0356215882a825279a85b300b0b742931d113bf7e"
                    + "32dde2e50ffde7ec743ca491ecdd7f336dc28a6e0b2bb57af7a44a3");
            assertThat(claims.get("chip_id").stringValue()).isEqualTo("c38427a30d4c7af9d96f7a15b97269825a64cb76a2352ff"
                    + "d5d18115d89ad473f8e8c0bcd9a5d9286612bad4aadfb4426205a3b9e4fea82301135a170e477524e");
            assertThat(tcb(claims)).containsExactly(3, 0, 8, 115);
            assertThat(result.report().currentTcb(ProcessorGeneration.MILAN).microcode()).isEqualTo(206);
            assertThat(result.report().currentVersion().toString()).isEqualTo("1.52.4");
        }

        @Test
        void upstreamNegatives() throws Exception {
            // report byte 42 + 1 breaks the signature; byte 384 + 1 (reported_tcb bootloader) the TCB match
            assertThat(refusal(flipped(report, 42, 1), vcek(vcekDer), AmdVectors.PINNED)).isEqualTo(Reason.SIGNATURE);
            assertThat(refusal(flipped(report, 384, 1), vcek(vcekDer), AmdVectors.PINNED))
                    .isEqualTo(Reason.TCB_MISMATCH);
            // VCEK byte 42 + 1 breaks the chain (it lies in the signed TBS)
            assertThat(refusal(report, vcek(flipped(vcekDer, 42, 1)), AmdVectors.PINNED))
                    .isIn(Reason.CHAIN, Reason.MALFORMED);
            // the ASVK in place of the ASK
            List<X509Certificate> milan = AmdVectors.bundle(ProcessorGeneration.MILAN);
            List<CertTableEntry> asvkAsAsk = List.of(
                    new CertTableEntry(CertTableEntry.Type.VCEK, vcekDer),
                    new CertTableEntry(CertTableEntry.Type.ASK, milan.get(2).getEncoded()),
                    new CertTableEntry(CertTableEntry.Type.ARK, milan.get(1).getEncoded()));
            assertThatThrownBy(() -> verifier.verify(report, asvkAsAsk, SnpExpectations.none(), AmdVectors.PINNED))
                    .isInstanceOfSatisfying(SnpVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.CHAIN))
                    .hasMessageContaining("SEV-VLEK-Milan");
        }

        @Test
        void theEvidencesOwnAskAndArkVerifyToo() throws Exception {
            List<X509Certificate> milan = AmdVectors.bundle(ProcessorGeneration.MILAN);
            List<CertTableEntry> table = List.of(
                    new CertTableEntry(CertTableEntry.Type.VCEK, vcekDer),
                    new CertTableEntry(CertTableEntry.Type.ASK, milan.get(0).getEncoded()),
                    new CertTableEntry(CertTableEntry.Type.ARK, milan.get(1).getEncoded()));
            SnpVerifier offline = SnpVerifier.forSource(dev.arca.snp.kds.CertificateSource.none());

            assertThat(offline.verify(report, table, SnpExpectations.none(), AmdVectors.PINNED).generation())
                    .isEqualTo(ProcessorGeneration.MILAN);
        }

        @Test
        void withoutItsVcekAV2ReportNeedsTheConfiguredProductToFetchIt() {
            assertThatThrownBy(() -> verifier.verify(report, List.of(), SnpExpectations.none(), AmdVectors.PINNED))
                    .isInstanceOfSatisfying(SnpVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED))
                    .hasMessageContaining("version 2");
        }

        @Test
        void bindsExpectedReportDataAndHostData() throws Exception {
            byte[] expected = Arrays.copyOf(HEX.parseHex("ec6c52d7533cc2c4f45be7849cf112ab82b2009fe7bd43e71ed08c14400"
                    + "ad7e2"), 32);
            SnpExpectations binding = new SnpExpectations(Optional.of(expected), Optional.of(new byte[32]),
                    OptionalInt.of(0));
            verifier.verify(report, vcek(vcekDer), binding, AmdVectors.PINNED);

            expected[0] ^= 1;
            assertThatThrownBy(() -> verifier.verify(report, vcek(vcekDer), new SnpExpectations(
                    Optional.of(expected), Optional.empty(), OptionalInt.empty()), AmdVectors.PINNED))
                    .isInstanceOfSatisfying(SnpVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.REPORT_DATA));
            assertThatThrownBy(() -> verifier.verify(report, vcek(vcekDer), new SnpExpectations(Optional.empty(),
                    Optional.of(new byte[] {1}), OptionalInt.empty()), AmdVectors.PINNED))
                    .isInstanceOfSatisfying(SnpVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.INIT_DATA));
        }

        @Test
        void expiredAfterTheVcekValidity() {
            assertThat(refusal(report, vcek(vcekDer), Instant.parse("2030-01-25T00:00:00Z")))
                    .isEqualTo(Reason.EXPIRED);
            assertThat(refusal(report, vcek(vcekDer), Instant.parse("2023-01-24T00:00:00Z")))
                    .isEqualTo(Reason.EXPIRED);
        }
    }

    @Nested
    class AwsVlek {

        private final byte[] report = AmdVectors.bytes("snp/trustee_test-vlek-report.bin");
        private final byte[] vlekDer = AmdVectors.bytes("snp/trustee_test-vlek.der");

        @Test
        void chainSignatureAndTcbVerifyAtThePinnedInstant() throws Exception {
            SnpVerificationResult result = verifier.verify(report, vlek(vlekDer), SnpExpectations.none(),
                    AmdVectors.PINNED);

            assertThat(result.report().signingKey()).isEqualTo(SigningKey.VLEK);
            assertThat(result.report().version()).isEqualTo(3);
            assertThat(result.report().vmpl()).isEqualTo(1);
            assertThat(result.report().platformInfo().raw()).isEqualTo(0x27);
            assertThat(result.report().chipIdMasked()).isTrue();
            assertThat(result.endorsementKey().cspId()).contains("CN=cc-us-east-2.amazonaws.com");
            assertThat(result.chain().intermediate().getSubjectX500Principal().getName()).contains("SEV-VLEK-Milan");
            ObjectNode claims = SnpClaims.build(result);
            assertThat(tcb(claims)).containsExactly(4, 0, 24, 217);
            assertThat(claims.get("measurement").stringValue()).isEqualTo("8922ebbdd00ec2c541f36a6e7a82a8773a7accb451e"
                    + "d67bc94e740dbe92c93c4e8c9af857f5ceeb5a493df2a570d7bf0");
            assertThat(claims.get("report_data").stringValue()).startsWith("819770b7e6ea6df8dd8fd4dd146b073c");
        }

        @Test
        void onlyVmplAndExpiryRefuseIt() {
            assertThatThrownBy(() -> verifier.verify(report, vlek(vlekDer), new SnpExpectations(Optional.empty(),
                    Optional.empty(), OptionalInt.of(0)), AmdVectors.PINNED))
                    .isInstanceOfSatisfying(SnpVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.VMPL));
            assertThat(refusal(report, vlek(vlekDer), AmdVectors.ASSEMBLED)).isEqualTo(Reason.EXPIRED);
        }

        @Test
        void aVlekCannotBeFetched() {
            assertThatThrownBy(() -> verifier.verify(report, List.of(), SnpExpectations.none(), AmdVectors.PINNED))
                    .isInstanceOfSatisfying(SnpVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED))
                    .hasMessageContaining("VLEK");
        }

        @Test
        void aVlekIsNotAVcek() {
            assertThat(refusal(report, vcek(vlekDer), AmdVectors.PINNED)).isEqualTo(Reason.CHAIN);
            // the Milan VCEK of another report cannot vouch for a VLEK-signed one
            assertThat(refusal(report, vcek(AmdVectors.bytes("snp/trustee_test-vcek.der")), AmdVectors.PINNED))
                    .isEqualTo(Reason.CHAIN);
        }
    }

    @Nested
    class InvalidVceks {

        @Test
        void legacyRawHwIdParsesButDoesNotChain() throws Exception {
            EndorsementKey key = EndorsementKeyParser.parse(AmdVectors.bytes("snp/trustee_test-vcek-invalid-legacy.der"));

            assertThat(key.hwId()).isEqualTo(sequence(64));
            assertThat(levels(key)).containsExactly(3, 0, 10, 169);
            assertThat(chainRefusal(key)).isEqualTo(Reason.CHAIN);
        }

        @Test
        void newDerOctetStringHwIdParsesButDoesNotChain() throws Exception {
            EndorsementKey key = EndorsementKeyParser.parse(AmdVectors.bytes("snp/trustee_test-vcek-invalid-new.der"));

            assertThat(key.hwId()).isEqualTo(sequence(64));
            assertThat(levels(key)).containsExactly(0, 0, 0, 30);
            assertThat(chainRefusal(key)).isEqualTo(Reason.CHAIN);
        }

        private Reason chainRefusal(EndorsementKey key) throws Exception {
            ChainVerifier chains = new ChainVerifier(AmdRootKeys.pinned());
            for (ProcessorGeneration generation : ProcessorGeneration.values()) {
                List<X509Certificate> bundle = AmdVectors.bundle(generation);
                VerifiedCaChain chain = chains.verifyCa(generation, SigningKey.VCEK, bundle.get(0), bundle.get(1));
                if (generation != ProcessorGeneration.MILAN) {
                    continue; // another generation's ASK is refused before its signature by the product name
                }
                try {
                    chains.verifyEndorsement(chain, key);
                } catch (SnpVerificationException e) {
                    return e.reason();
                }
            }
            throw new AssertionError("chained");
        }
    }

    @Test
    void trusteeE2eGenoaJsonEvidence() throws Exception {
        JsonNode evidence = Json.MAPPER.readTree(Corpus.text("snp/trustee_e2e_snp_evidence.json"));
        byte[] report = SevReportJson.toBytes(evidence.get("attestation_report"));
        byte[] der = new byte[evidence.get("cert_chain").get(0).get("data").size()];
        for (int i = 0; i < der.length; i++) {
            der[i] = (byte) evidence.get("cert_chain").get(0).get("data").get(i).intValue();
        }

        SnpVerificationResult result = verifier.verify(report, vcek(der), SnpExpectations.none(), AmdVectors.PINNED);

        assertThat(result.generation()).isEqualTo(ProcessorGeneration.GENOA);
        assertThat(result.report().cpuid()).get().extracting(c -> c.family(), c -> c.model(), c -> c.stepping())
                .containsExactly(0x19, 0xA0, 2);
        ObjectNode claims = SnpClaims.build(result);
        assertThat(tcb(claims)).containsExactly(10, 0, 23, 25);
        assertThat(claims.get("measurement").stringValue()).isEqualTo("6a6519d757e68c2e939c9dbbbc1828498e8de35d2766dd0"
                + "5f1a2cca5059d0cf4ae62a36d75c837974dd50b315506e73e");
        assertThat(claims.get("chip_id").stringValue()).startsWith("371c55d6d15cb50f16dc31d39a24e300");
        assertThat(claims.get("report_data").stringValue()).startsWith("7e7320889600c7ac133aea7b896c51f4");
    }

    @Test
    void goSevGuestMilanV2WithDebugPolicy() throws Exception {
        SnpVerificationResult result = verifier.verify(AmdVectors.bytes("snp/gosev_attestation.bin"),
                vcek(AmdVectors.bytes("snp/gosev_vcek.testcer.der")), SnpExpectations.none(), AmdVectors.PINNED);

        ObjectNode claims = SnpClaims.build(result);
        assertThat(result.report().policy().raw()).isEqualTo(0xb0000L);
        assertThat(claims.get("policy_debug_allowed").booleanValue()).isTrue();
        assertThat(claims.get("report_data").stringValue()).isEqualTo("0102030405" + "0".repeat(118));
        assertThat(tcb(claims)).containsExactly(2, 0, 5, 68);
        assertThat(claims.get("chip_id").stringValue()).startsWith("3ac3fe21e13fb0990eb28a802e3fb6a2");
        assertThat(result.report().currentVersion().toString()).isEqualTo("1.49.3");
    }

    @Nested
    class VirteeMilan {

        private final byte[] report = AmdVectors.hexFile("snp/virtee_report_milan.hex");
        private final byte[] vcekDer = AmdVectors.bytes("snp/virtee_vcek_milan.der");

        @Test
        void verifies() throws Exception {
            ObjectNode claims = SnpClaims.build(verifier.verify(report, vcek(vcekDer), SnpExpectations.none(),
                    AmdVectors.PINNED));

            assertThat(tcb(claims)).containsExactly(3, 0, 8, 115);
            assertThat(claims.get("measurement").stringValue()).isEqualTo("7a1e5c266c0108dbc9bb94fa926951320940915d0aa"
                    + "fb42464bd88b579ea158d3e1a0dc39b2c60bd95b9c480cd81841f");
            assertThat(claims.get("chip_id").stringValue()).startsWith("d49554ec717f4e5b0fe6b143bcf0405b");
        }

        @Test
        void upstreamNegatives() {
            assertThat(refusal(xored(report, 21, 0x80), vcek(vcekDer), AmdVectors.PINNED)).isEqualTo(Reason.SIGNATURE);
            assertThat(refusal(report, vcek(xored(vcekDer, 40, 0xff)), AmdVectors.PINNED))
                    .isIn(Reason.CHAIN, Reason.MALFORMED);
        }
    }

    @Test
    void virteeTurinVcekChainsToSevTurinAndArkTurin() throws Exception {
        EndorsementKey key = EndorsementKeyParser.parse(AmdVectors.bytes("snp/virtee_vcek_turin.der"));
        assertThat(key.generation()).isEqualTo(ProcessorGeneration.TURIN);
        assertThat(key.structVersion()).isEqualTo(1);
        assertThat(HEX.formatHex(key.hwId())).isEqualTo("1e550a8ee5cf9f4d");
        assertThat(key.certifiedTcb().hasFmc()).isTrue();
        assertThat(new int[] {key.certifiedTcb().fmc(), key.certifiedTcb().bootloader(), key.certifiedTcb().tee(),
            key.certifiedTcb().snp(), key.certifiedTcb().microcode()}).containsExactly(0, 0, 0, 0, 9);

        List<X509Certificate> turin = AmdVectors.bundle(ProcessorGeneration.TURIN);
        ChainVerifier chains = new ChainVerifier(AmdRootKeys.pinned());
        VerifiedCaChain chain = chains.verifyCa(ProcessorGeneration.TURIN, SigningKey.VCEK,
                CaCertificates.intermediate(turin, ProcessorGeneration.TURIN, SigningKey.VCEK).orElseThrow(),
                CaCertificates.ark(turin, ProcessorGeneration.TURIN).orElseThrow());
        chains.verifyEndorsement(chain, key);
        ChainVerifier.requireValidAt(AmdVectors.ASSEMBLED, chain, key);
    }

    @Test
    void everyGenerationsArkIsPinnedAndSignsItsAskAndAsvk() throws Exception {
        ChainVerifier chains = new ChainVerifier(AmdRootKeys.pinned());
        for (ProcessorGeneration generation : ProcessorGeneration.values()) {
            List<X509Certificate> bundle = AmdVectors.bundle(generation);
            assertThat(Certificates.commonName(bundle.get(1))).contains("ARK-" + generation.productName());
            chains.verifyCa(generation, SigningKey.VCEK, bundle.get(0), bundle.get(1));
            chains.verifyCa(generation, SigningKey.VLEK, bundle.get(2), bundle.get(1));
            // another generation's ARK is not this one's
            ProcessorGeneration other = ProcessorGeneration.values()[(generation.ordinal() + 1) % 3];
            assertThatThrownBy(() -> chains.verifyCa(other, SigningKey.VCEK, bundle.get(0), bundle.get(1)))
                    .isInstanceOfSatisfying(SnpVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.CHAIN));
        }
    }

    @Nested
    class AzureHclReports {

        @Test
        void theV2ReportInsideTheComponentHclReportVerifiesWithItsVcekBundle() throws Exception {
            byte[] hcl = AmdVectors.bytes("az-snp-vtpm/trustee_hcl-report.bin");
            List<X509Certificate> bundle = Certificates.all(AmdVectors.bytes("az-snp-vtpm/trustee_vcek.pem"), "vcek");
            List<CertTableEntry> table = List.of(
                    new CertTableEntry(CertTableEntry.Type.VCEK, bundle.get(0).getEncoded()),
                    new CertTableEntry(CertTableEntry.Type.ASK, bundle.get(1).getEncoded()),
                    new CertTableEntry(CertTableEntry.Type.ARK, bundle.get(2).getEncoded()));

            SnpVerificationResult result = verifier.verify(snpReport(hcl), table, SnpExpectations.none(),
                    AmdVectors.PINNED);

            assertThat(result.report().version()).isEqualTo(2);
            ObjectNode claims = SnpClaims.build(result);
            assertThat(claims.get("measurement").stringValue()).isEqualTo("9ac48fcac8a2d88aeeff8d427ad4f2be0e3917c748a"
                    + "18bdf52cc317e7fe20308b459d5ef1a12e0c22944eb386d17c315");
            assertThat(claims.get("chip_id").stringValue()).startsWith("19752a447db501a32ade46428a46e926");
            assertThat(tcb(claims)).containsExactly(3, 0, 8, 115);

            // upstream negative: hcl byte 0x1a6 = 0 (reported_tcb.snp of the embedded report): "SNP version mismatch"
            byte[] broken = hcl.clone();
            broken[0x1a6] = 0;
            assertThat(refusal(snpReport(broken), table, AmdVectors.PINNED)).isEqualTo(Reason.TCB_MISMATCH);
        }

        @Test
        void theEvidenceJsonsV0V1V2AndGenoa() throws Exception {
            check("az-snp-vtpm/trustee_evidence-v0.json", "6a063be9dd79f6371c842e480f8dc3b5", "66a5a7b4403a3006",
                    new int[] {4, 0, 24, 219}, ProcessorGeneration.MILAN);
            check("az-snp-vtpm/trustee_evidence-v1.json", "6a063be9dd79f6371c842e480f8dc3b5", "66a5a7b4403a3006",
                    new int[] {4, 0, 24, 219}, ProcessorGeneration.MILAN);
            check("az-snp-vtpm/trustee_evidence-v2.json", "5b0ce64ad1c1f6375dbda5f760b98526", "2e0e62a0e6f39bc4",
                    null, ProcessorGeneration.MILAN);
            check("az-snp-vtpm/trustee_evidence-genoa.json", "f57dc09a507c6ecd82369bffb600f000", "0506ffba875e939c",
                    new int[] {10, 0, 23, 84}, ProcessorGeneration.GENOA);
        }

        private void check(String file, String measurement, String chipId, int[] tcb, ProcessorGeneration generation)
                throws Exception {
            JsonNode evidence = Json.MAPPER.readTree(Corpus.text(file));
            byte[] hcl;
            byte[] vcekDer;
            if (evidence.has("report")) {
                hcl = new byte[evidence.get("report").size()];
                for (int i = 0; i < hcl.length; i++) {
                    hcl[i] = (byte) evidence.get("report").get(i).intValue();
                }
                vcekDer = Certificates.all(evidence.get("vcek").stringValue().getBytes(), "vcek").getFirst()
                        .getEncoded();
            } else {
                hcl = AmdVectors.base64Url(evidence.get("hcl_report").stringValue());
                vcekDer = AmdVectors.base64Url(evidence.get("vcek").stringValue());
            }
            SnpVerificationResult result = verifier.verify(snpReport(hcl), vcek(vcekDer), new SnpExpectations(
                    Optional.empty(), Optional.empty(), OptionalInt.of(0)), AmdVectors.PINNED);
            ObjectNode claims = SnpClaims.build(result);
            assertThat(result.generation()).as(file).isEqualTo(generation);
            assertThat(result.report().version()).as(file).isEqualTo(3);
            assertThat(claims.get("measurement").stringValue()).as(file).startsWith(measurement);
            assertThat(claims.get("chip_id").stringValue()).as(file).startsWith(chipId);
            if (tcb != null) {
                assertThat(tcb(claims)).as(file).containsExactly(tcb[0], tcb[1], tcb[2], tcb[3]);
            }
        }

        /** HCL report bytes 32..32+1184 hold the SNP report (MANIFEST §6). */
        private static byte[] snpReport(byte[] hcl) {
            return Arrays.copyOfRange(hcl, 32, 32 + 1184);
        }
    }

    @Test
    void everyFlippedByteOfARealVcekAndVlekReportIsRefusedWithItsRegionsReason() {
        sweep(AmdVectors.bytes("snp/trustee_test-report.bin"), vcek(AmdVectors.bytes("snp/trustee_test-vcek.der")),
                SigningKey.VCEK, 2);
        sweep(AmdVectors.bytes("snp/trustee_test-vlek-report.bin"),
                vlek(AmdVectors.bytes("snp/trustee_test-vlek.der")), SigningKey.VLEK, 3);
    }

    private void sweep(byte[] report, List<CertTableEntry> table, SigningKey signedBy, int version) {
        for (int offset = 0; offset < report.length; offset++) {
            assertThat(refusal(xored(report, offset, 0x01), table, AmdVectors.PINNED))
                    .as("%s report byte 0x%x", signedBy, offset)
                    .isIn(FlipRegions.expected(offset, ProcessorGeneration.MILAN, signedBy, version));
        }
    }

    static int[] tcb(ObjectNode claims) {
        return new int[] {claims.get("reported_tcb_bootloader").intValue(), claims.get("reported_tcb_tee").intValue(),
            claims.get("reported_tcb_snp").intValue(), claims.get("reported_tcb_microcode").intValue()};
    }

    private static int[] levels(EndorsementKey key) {
        return new int[] {key.certifiedTcb().bootloader(), key.certifiedTcb().tee(), key.certifiedTcb().snp(),
            key.certifiedTcb().microcode()};
    }

    private static byte[] sequence(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }
}
