package dev.arca.snp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.snp.SnpVerificationException.Reason;
import dev.arca.snp.claims.SnpClaims;
import dev.arca.snp.kds.CertificateSource;
import dev.arca.snp.kds.KdsRequest;
import dev.arca.snp.report.SigningKey;
import dev.arca.snp.report.TcbVersion;
import dev.arca.snp.testpki.AmdTestPki;
import dev.arca.snp.testpki.EndorsementProfile;
import dev.arca.snp.testpki.SnpReportBuilder;
import dev.arca.snp.testpki.SyntheticSnp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.ObjectNode;

/** Every verification path on evidence the test PKI builds: runs in a fresh clone without the real corpus. */
class SnpVerifierSyntheticTest {

    static final AmdTestPki PKI = new AmdTestPki();
    private static final Instant AT = AmdTestPki.AT;

    private static SnpVerificationException.Reason refusal(SnpVerifier verifier, byte[] report,
            List<CertTableEntry> table, SnpExpectations expectations) {
        try {
            verifier.verify(report, table, expectations, AT);
        } catch (SnpVerificationException e) {
            return e.reason();
        }
        throw new AssertionError("accepted");
    }

    private static SnpVerificationException refused(Callable<?> call) {
        try {
            call.call();
        } catch (SnpVerificationException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("accepted");
    }

    @ParameterizedTest
    @EnumSource(ProcessorGeneration.class)
    void aVcekFetchedByChipIdAndTcbVerifiesAndIsFetchedOnce(ProcessorGeneration generation) throws Exception {
        SyntheticSnp chip = SyntheticSnp.of(PKI, generation);
        SnpVerifier verifier = chip.verifier();
        byte[] report = chip.signedByVcek(chip.report().measurement(new byte[] {1, 2, 3}));

        SnpVerificationResult result = null;
        for (int i = 0; i < 5; i++) {
            result = verifier.verify(report, List.of(), SnpExpectations.none(), AT);
        }

        assertThat(result.generation()).isEqualTo(generation);
        assertThat(result.reportedTcb().sameLevels(chip.tcb())).isTrue();
        // cert_chain once, the VCEK once, the CRL once (absent, remembered for crlRetry)
        assertThat(chip.kds().fetches()).isEqualTo(3);
        ObjectNode claims = SnpClaims.build(result);
        assertThat(claims.get("product").stringValue()).isEqualTo(generation.productName());
        assertThat(claims.get("reported_tcb_snp").intValue()).isEqualTo(24);
        assertThat(claims.get("reported_tcb_microcode").intValue()).isEqualTo(219);
        assertThat(claims.has("reported_tcb_fmc")).isEqualTo(generation.turinLayout());
        assertThat(claims.get("measurement").stringValue()).startsWith("010203000000");
    }

    @Test
    void theKdsPathOfATurinVcekHasTheShortHwIdAndFmc() {
        SyntheticSnp chip = SyntheticSnp.of(PKI, ProcessorGeneration.TURIN);
        assertThat(chip.vcekRequest().path()).matches("/vcek/v1/Turin/[0-9a-f]{16}\\?fmcSPL=01&blSPL=04&teeSPL=00"
                + "&snpSPL=24&ucodeSPL=219");
        SyntheticSnp milan = SyntheticSnp.of(PKI, ProcessorGeneration.MILAN);
        assertThat(milan.vcekRequest().path()).matches("/vcek/v1/Milan/[0-9a-f]{128}\\?blSPL=04&teeSPL=00"
                + "&snpSPL=24&ucodeSPL=219");
        assertThat(new KdsRequest.CertChain(ProcessorGeneration.GENOA, SigningKey.VLEK).path())
                .isEqualTo("/vlek/v1/Genoa/cert_chain");
        assertThat(new KdsRequest.Crl(ProcessorGeneration.MILAN, SigningKey.VCEK).path())
                .isEqualTo("/vcek/v1/Milan/crl");
    }

    @Test
    void aVlekFromTheEvidenceVerifiesAndCannotBeFetched() throws Exception {
        SyntheticSnp chip = SyntheticSnp.of(PKI, ProcessorGeneration.GENOA);
        AmdTestPki.IssuedKey vlek = PKI.vlek(ProcessorGeneration.GENOA, chip.tcb(), "CN=cloud.example");
        byte[] report = SnpReportBuilder.forGeneration(ProcessorGeneration.GENOA).tcb(chip.tcb())
                .signingKey(SigningKey.VLEK).signedBy(vlek.keyPair().getPrivate());
        List<CertTableEntry> table = List.of(new CertTableEntry(CertTableEntry.Type.VLEK, vlek.der()));

        SnpVerificationResult result = chip.verifier().verify(report, table, SnpExpectations.none(), AT);

        assertThat(result.endorsementKey().cspId()).contains("CN=cloud.example");
        assertThat(result.chain().kind()).isEqualTo(SigningKey.VLEK);
        assertThat(refusal(chip.verifier(), report, List.of(), SnpExpectations.none()))
                .isEqualTo(Reason.MALFORMED);
        // a VLEK in a VCEK entry, and a VCEK for a VLEK-signed report
        assertThat(refusal(chip.verifier(), report, List.of(new CertTableEntry(CertTableEntry.Type.VCEK,
                vlek.der())), SnpExpectations.none())).isEqualTo(Reason.CHAIN);
        assertThat(refusal(chip.verifier(), report, chip.vcekTable(), SnpExpectations.none()))
                .isEqualTo(Reason.CHAIN);
    }

    @Test
    void aVersion2ReportTakesItsGenerationFromTheVcekOrFromConfiguration() throws Exception {
        SyntheticSnp chip = SyntheticSnp.of(PKI, ProcessorGeneration.GENOA);
        byte[] report = chip.signedByVcek(chip.report().version(2));

        assertThat(chip.verifier().verify(report, chip.vcekTable(), SnpExpectations.none(), AT).generation())
                .isEqualTo(ProcessorGeneration.GENOA);
        SnpVerifier configured = chip.verifier(new SnpVerifierOptions(Optional.of(ProcessorGeneration.GENOA),
                Duration.ofHours(1)));
        assertThat(configured.verify(report, List.of(), SnpExpectations.none(), AT).report().version()).isEqualTo(2);
        assertThat(refused(() -> chip.verifier().verify(report, List.of(), SnpExpectations.none(), AT)))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED))
                .hasMessageContaining("configure the product");
    }

    @Test
    void aMaskedChipIdCannotLookUpItsVcekButVerifiesWithTheVcekInTheEvidence() throws Exception {
        SyntheticSnp chip = SyntheticSnp.of(PKI, ProcessorGeneration.MILAN);
        byte[] report = chip.signedByVcek(chip.report().chipId(new byte[64]).flags(false, true, SigningKey.VCEK));

        assertThat(refused(() -> chip.verifier().verify(report, List.of(), SnpExpectations.none(), AT)))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.CHIP_ID))
                .hasMessageContaining("MASK_CHIP_KEY");
        assertThat(chip.verifier().verify(report, chip.vcekTable(), SnpExpectations.none(), AT).report()
                .maskChipKey()).isTrue();
        assertThat(chip.kds().fetches()).isEqualTo(2); // cert_chain and CRL: never a VCEK by chip id
    }

    @Test
    void theChipIdMustBeTheVceksHwId() {
        SyntheticSnp chip = SyntheticSnp.of(PKI, ProcessorGeneration.MILAN);
        byte[] other = chip.chipId();
        other[63] ^= 1;
        byte[] report = chip.signedByVcek(chip.report().chipId(other));

        assertThat(refusal(chip.verifier(), report, chip.vcekTable(), SnpExpectations.none()))
                .isEqualTo(Reason.CHIP_ID);
    }

    @Test
    void theReportedTcbMustBeTheOneTheVcekCertifies() {
        SyntheticSnp chip = SyntheticSnp.of(PKI, ProcessorGeneration.TURIN);
        TcbVersion newer = TcbVersion.of(ProcessorGeneration.TURIN, 2, 4, 0, 24, 219);
        byte[] report = chip.signedByVcek(chip.report().reportedTcb(newer));

        assertThat(refusal(chip.verifier(), report, chip.vcekTable(), SnpExpectations.none()))
                .isEqualTo(Reason.TCB_MISMATCH);
        // fetched by that TCB, the KDS has no such VCEK
        assertThat(refusal(chip.verifier(), report, List.of(), SnpExpectations.none()))
                .isEqualTo(Reason.CERTIFICATES_UNAVAILABLE);
    }

    @Test
    void aReportSignedByAnotherKeyIsRefused() {
        SyntheticSnp chip = SyntheticSnp.of(PKI, ProcessorGeneration.MILAN);
        byte[] report = chip.report().signedBy(AmdTestPki.ec384().getPrivate());

        assertThat(refusal(chip.verifier(), report, chip.vcekTable(), SnpExpectations.none()))
                .isEqualTo(Reason.SIGNATURE);
        assertThat(refusal(chip.verifier(), chip.report().unsigned(), chip.vcekTable(), SnpExpectations.none()))
                .isEqualTo(Reason.SIGNATURE);
    }

    @Test
    void theCpuidGenerationMustBeTheVceks() {
        SyntheticSnp chip = SyntheticSnp.of(PKI, ProcessorGeneration.MILAN);
        byte[] report = chip.signedByVcek(chip.report().cpuid(0x19, 0x11, 1));

        assertThat(refused(() -> chip.verifier().verify(report, chip.vcekTable(), SnpExpectations.none(), AT)))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.CHAIN))
                .hasMessageContaining("Genoa");
        byte[] unknown = chip.signedByVcek(chip.report().cpuid(0x17, 0x31, 0));
        assertThat(refusal(chip.verifier(), unknown, chip.vcekTable(), SnpExpectations.none()))
                .isEqualTo(Reason.MALFORMED);
    }

    @Test
    void anArkThatIsNotPinnedIsRefused() throws Exception {
        SyntheticSnp chip = SyntheticSnp.of(PKI, ProcessorGeneration.MILAN);
        AmdTestPki.Hierarchy rogue = AmdTestPki.createHierarchy(ProcessorGeneration.MILAN, AmdTestPki.NOT_BEFORE,
                AmdTestPki.NOT_AFTER);
        AmdTestPki.IssuedKey vcek = AmdTestPki.issue(rogue, SigningKey.VCEK,
                EndorsementProfile.vcek(ProcessorGeneration.MILAN, chip.chipId(), chip.tcb()));
        byte[] report = chip.report().signedBy(vcek.keyPair().getPrivate());
        List<CertTableEntry> table = List.of(new CertTableEntry(CertTableEntry.Type.VCEK, vcek.der()),
                new CertTableEntry(CertTableEntry.Type.ASK, rogue.ask().getEncoded()),
                new CertTableEntry(CertTableEntry.Type.ARK, rogue.ark().getEncoded()));

        assertThat(refused(() -> chip.verifier().verify(report, table, SnpExpectations.none(), AT)))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.CHAIN))
                .hasMessageContaining("not pinned");
        // without the rogue CA certificates the pinned chain does not sign that VCEK either
        assertThat(refusal(chip.verifier(), report, table.subList(0, 1), SnpExpectations.none()))
                .isEqualTo(Reason.CHAIN);
    }

    @Test
    void theAsvkInPlaceOfTheAskIsRefused() throws Exception {
        SyntheticSnp chip = SyntheticSnp.of(PKI, ProcessorGeneration.MILAN);
        AmdTestPki.Hierarchy milan = PKI.hierarchy(ProcessorGeneration.MILAN);
        List<CertTableEntry> table = List.of(chip.vcekTable().getFirst(),
                new CertTableEntry(CertTableEntry.Type.ASK, milan.asvk().getEncoded()),
                new CertTableEntry(CertTableEntry.Type.ARK, milan.ark().getEncoded()));
        byte[] report = chip.signedByVcek(chip.report());

        assertThat(refusal(chip.verifier(), report, table, SnpExpectations.none())).isEqualTo(Reason.CHAIN);
        List<CertTableEntry> genuine = List.of(chip.vcekTable().getFirst(),
                new CertTableEntry(CertTableEntry.Type.ASK, milan.ask().getEncoded()),
                new CertTableEntry(CertTableEntry.Type.ARK, milan.ark().getEncoded()));
        assertThat(SnpVerifier.forSource(CertificateSource.none(), PKI.roots(), SnpVerifierOptions.defaults())
                .verify(report, genuine, SnpExpectations.none(), AT).chain().kind()).isEqualTo(SigningKey.VCEK);
    }

    @Test
    void certificatesMustBeValidAtTheVerificationInstant() throws Exception {
        SyntheticSnp chip = SyntheticSnp.of(PKI, ProcessorGeneration.MILAN);
        AmdTestPki.IssuedKey vcek = AmdTestPki.issue(PKI.hierarchy(ProcessorGeneration.MILAN), SigningKey.VCEK,
                EndorsementProfile.vcek(ProcessorGeneration.MILAN, chip.chipId(), chip.tcb())
                        .withValidity(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z")));
        byte[] report = chip.report().signedBy(vcek.keyPair().getPrivate());
        List<CertTableEntry> table = List.of(new CertTableEntry(CertTableEntry.Type.VCEK, vcek.der()));
        SnpVerifier verifier = chip.verifier();

        verifier.verify(report, table, SnpExpectations.none(), Instant.parse("2024-06-01T00:00:00Z"));
        assertThat(refused(() -> verifier.verify(report, table, SnpExpectations.none(), AT)))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED))
                .hasMessageContaining("expired at 2025-01-01");
        assertThat(refused(() -> verifier.verify(report, table, SnpExpectations.none(),
                Instant.parse("2023-06-01T00:00:00Z"))).reason()).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void anExpiredArkIsRefused() throws Exception {
        AmdTestPki.Hierarchy old = AmdTestPki.createHierarchy(ProcessorGeneration.GENOA,
                Instant.parse("2010-01-01T00:00:00Z"), Instant.parse("2020-01-01T00:00:00Z"));
        byte[] chipId = new byte[64];
        chipId[0] = 9;
        TcbVersion tcb = TcbVersion.of(ProcessorGeneration.GENOA, 0, 1, 0, 2, 3);
        AmdTestPki.IssuedKey vcek = AmdTestPki.issue(old, SigningKey.VCEK, EndorsementProfile.vcek(
                ProcessorGeneration.GENOA, chipId, tcb).withValidity(Instant.parse("2010-01-01T00:00:00Z"), AT.plus(
                Duration.ofDays(1))));
        byte[] report = SnpReportBuilder.forGeneration(ProcessorGeneration.GENOA).tcb(tcb).chipId(chipId)
                .signedBy(vcek.keyPair().getPrivate());
        SnpVerifier verifier = SnpVerifier.forSource(CertificateSource.none(), dev.arca.snp.cert.AmdRootKeys.pinnedTo(
                Map.of(ProcessorGeneration.GENOA, AmdTestPki.fingerprint(old.ark()))), SnpVerifierOptions.defaults());
        List<CertTableEntry> table = List.of(new CertTableEntry(CertTableEntry.Type.VCEK, vcek.der()),
                new CertTableEntry(CertTableEntry.Type.ASK, old.ask().getEncoded()),
                new CertTableEntry(CertTableEntry.Type.ARK, old.ark().getEncoded()));

        assertThat(refused(() -> verifier.verify(report, table, SnpExpectations.none(), AT)))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED))
                .hasMessageContaining("ARK-Genoa");
    }

    @Test
    void aRevokedAskIsRefusedByTheArksCrl() throws Exception {
        SyntheticSnp chip = SyntheticSnp.of(PKI, ProcessorGeneration.MILAN);
        byte[] report = chip.signedByVcek(chip.report());
        AmdTestPki.Hierarchy milan = PKI.hierarchy(ProcessorGeneration.MILAN);
        KdsRequest.Crl crl = new KdsRequest.Crl(ProcessorGeneration.MILAN, SigningKey.VCEK);

        chip.kds().put(crl, PKI.crl(ProcessorGeneration.MILAN, AT.minus(Duration.ofDays(1)),
                AT.plus(Duration.ofDays(7)), milan.asvk()));
        SnpVerifier verifier = chip.verifier();
        verifier.verify(report, List.of(), SnpExpectations.none(), AT);

        chip.kds().put(crl, PKI.crl(ProcessorGeneration.MILAN, AT.minus(Duration.ofDays(1)),
                AT.plus(Duration.ofDays(7)), milan.ask()));
        SnpVerifier fresh = chip.verifier();
        assertThat(refused(() -> fresh.verify(report, List.of(), SnpExpectations.none(), AT)))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.REVOKED))
                .hasMessageContaining("SEV-Milan");
        // the first verifier keeps its CRL until its nextUpdate, then fetches the new one
        verifier.verify(report, List.of(), SnpExpectations.none(), AT.plus(Duration.ofDays(6)));
        assertThat(refused(() -> verifier.verify(report, List.of(), SnpExpectations.none(),
                AT.plus(Duration.ofDays(8)))).reason()).isEqualTo(Reason.REVOKED);
    }

    @Test
    void aCrlNotSignedByTheArkIsRefused() {
        SyntheticSnp chip = SyntheticSnp.of(PKI, ProcessorGeneration.MILAN);
        AmdTestPki.Hierarchy milan = PKI.hierarchy(ProcessorGeneration.MILAN);
        chip.kds().put(new KdsRequest.Crl(ProcessorGeneration.MILAN, SigningKey.VCEK), AmdTestPki.crl(milan.ark(),
                milan.askKey(), AT.minus(Duration.ofDays(1)), AT.plus(Duration.ofDays(7))));

        assertThat(refusal(chip.verifier(), chip.signedByVcek(chip.report()), List.of(), SnpExpectations.none()))
                .isEqualTo(Reason.CHAIN);
        chip.kds().put(new KdsRequest.Crl(ProcessorGeneration.MILAN, SigningKey.VCEK), new byte[] {0x30, 0x03});
        assertThat(refusal(chip.verifier(), chip.signedByVcek(chip.report()), List.of(), SnpExpectations.none()))
                .isEqualTo(Reason.MALFORMED);
    }

    @Test
    void reportDataHostDataAndVmplBindWhatTheCallerExpects() throws Exception {
        SyntheticSnp chip = SyntheticSnp.of(PKI, ProcessorGeneration.MILAN);
        byte[] sha384 = new byte[48];
        Arrays.fill(sha384, (byte) 0x5A);
        byte[] initData = new byte[32];
        Arrays.fill(initData, (byte) 0x33);
        byte[] report = chip.signedByVcek(chip.report().reportData(sha384).hostData(initData).vmpl(0));
        SnpVerifier verifier = chip.verifier();

        // 48-byte report data matches the 64-byte field zero-padded (Trustee's regularize)
        verifier.verify(report, chip.vcekTable(), new SnpExpectations(Optional.of(sha384), Optional.of(initData),
                OptionalInt.of(0)), AT);
        byte[] longer = Arrays.copyOf(initData, 48);
        verifier.verify(report, chip.vcekTable(), new SnpExpectations(Optional.empty(), Optional.of(longer),
                OptionalInt.empty()), AT);

        byte[] wrong = sha384.clone();
        wrong[47] ^= 1;
        assertThat(refusal(verifier, report, chip.vcekTable(), new SnpExpectations(Optional.of(wrong),
                Optional.empty(), OptionalInt.empty()))).isEqualTo(Reason.REPORT_DATA);
        assertThat(refusal(verifier, report, chip.vcekTable(), new SnpExpectations(Optional.empty(),
                Optional.of(new byte[32]), OptionalInt.empty()))).isEqualTo(Reason.INIT_DATA);
        byte[] vmpl2 = chip.signedByVcek(chip.report().vmpl(2));
        assertThat(refusal(verifier, vmpl2, chip.vcekTable(), new SnpExpectations(Optional.empty(),
                Optional.empty(), OptionalInt.of(0)))).isEqualTo(Reason.VMPL);
    }

    @Test
    void aHwIdWrappedInAnOctetStringIsReadToo() throws Exception {
        SyntheticSnp chip = SyntheticSnp.of(PKI, ProcessorGeneration.MILAN);
        AmdTestPki.IssuedKey vcek = AmdTestPki.issue(PKI.hierarchy(ProcessorGeneration.MILAN), SigningKey.VCEK,
                EndorsementProfile.vcek(ProcessorGeneration.MILAN, chip.chipId(), chip.tcb()).withHwIdAsOctetString());
        byte[] report = chip.report().signedBy(vcek.keyPair().getPrivate());

        assertThat(chip.verifier().verify(report, List.of(new CertTableEntry(CertTableEntry.Type.VCEK, vcek.der())),
                SnpExpectations.none(), AT).endorsementKey().hwId()).isEqualTo(chip.chipId());
    }

    @Test
    void tablesWithTwoKeysOrUnreadableCertificatesAreMalformed() {
        SyntheticSnp chip = SyntheticSnp.of(PKI, ProcessorGeneration.MILAN);
        byte[] report = chip.signedByVcek(chip.report());
        List<CertTableEntry> two = new ArrayList<>(chip.vcekTable());
        two.add(chip.vcekTable().getFirst());

        assertThat(refusal(chip.verifier(), report, two, SnpExpectations.none())).isEqualTo(Reason.MALFORMED);
        assertThat(refusal(chip.verifier(), report, List.of(new CertTableEntry(CertTableEntry.Type.VCEK,
                new byte[] {0x30, 0x01, 0x00})), SnpExpectations.none())).isEqualTo(Reason.MALFORMED);
        assertThat(refusal(chip.verifier(), report, List.of(chip.vcekTable().getFirst(), new CertTableEntry(
                CertTableEntry.Type.ARK, new byte[] {1})), SnpExpectations.none())).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void everyTruncationOrExtensionIsMalformed() {
        SyntheticSnp chip = SyntheticSnp.of(PKI, ProcessorGeneration.MILAN);
        byte[] report = chip.signedByVcek(chip.report());
        SnpVerifier verifier = chip.verifier();
        for (int length = 0; length < report.length; length += 7) {
            assertThat(refusal(verifier, Arrays.copyOf(report, length), chip.vcekTable(), SnpExpectations.none()))
                    .as("length %d", length).isEqualTo(Reason.MALFORMED);
        }
        assertThat(refusal(verifier, Arrays.copyOf(report, report.length - 1), chip.vcekTable(),
                SnpExpectations.none())).isEqualTo(Reason.MALFORMED);
        assertThat(refusal(verifier, Arrays.copyOf(report, report.length + 1), chip.vcekTable(),
                SnpExpectations.none())).isEqualTo(Reason.MALFORMED);
    }

    @ParameterizedTest
    @EnumSource(ProcessorGeneration.class)
    void everyFlippedByteIsRefusedWithItsRegionsReason(ProcessorGeneration generation) {
        SyntheticSnp chip = SyntheticSnp.of(PKI, generation);
        byte[] report = chip.signedByVcek(chip.report().reportData(new byte[] {7}));
        SnpVerifier verifier = chip.verifier();
        for (int offset = 0; offset < report.length; offset++) {
            // one bit everywhere; the top bit too in the header, whose fields are parsed (version, VMPL, flags)
            for (int mask : offset < 0x60 ? new int[] {0x01, 0x80} : new int[] {0x01}) {
                byte[] flipped = report.clone();
                flipped[offset] ^= (byte) mask;
                assertThat(refusal(verifier, flipped, chip.vcekTable(), SnpExpectations.none()))
                        .as("byte 0x%x ^ 0x%x", offset, mask)
                        .isIn(FlipRegions.expected(offset, generation, SigningKey.VCEK, 3));
            }
        }
    }

    @Test
    void concurrentMissesForOneChipShareOneKdsFetch() throws Exception {
        SyntheticSnp chip = SyntheticSnp.of(PKI, ProcessorGeneration.GENOA);
        byte[] report = chip.signedByVcek(chip.report());
        SnpVerifier verifier = chip.verifier();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<SnpVerificationResult>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> verifier.verify(report, List.of(), SnpExpectations.none(), AT)));
            }
            for (Future<SnpVerificationResult> result : results) {
                assertThat(result.get().generation()).isEqualTo(ProcessorGeneration.GENOA);
            }
        }
        assertThat(chip.kds().fetches()).isEqualTo(3);
    }

    @Test
    void anUnforeseenFailureIsRefusedAsUnexpected() {
        SyntheticSnp chip = SyntheticSnp.of(PKI, ProcessorGeneration.MILAN);
        SnpVerifier broken = SnpVerifier.forSource(request -> {
            throw new IllegalStateException("boom");
        }, PKI.roots(), SnpVerifierOptions.defaults());

        assertThat(refusal(broken, chip.signedByVcek(chip.report()), List.of(), SnpExpectations.none()))
                .isEqualTo(Reason.UNEXPECTED);
    }
}
