package dev.arca.dcap;

import static dev.arca.dcap.testpki.TestPki.AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.collateral.RawCollateral;
import dev.arca.dcap.collateral.TcbStatus;
import dev.arca.dcap.pck.PckCaType;
import dev.arca.dcap.testpki.CcelBuilder;
import dev.arca.dcap.testpki.PckProfile;
import dev.arca.dcap.testpki.QuoteBuilder;
import dev.arca.dcap.testpki.SyntheticPlatform;
import dev.arca.dcap.testpki.TestPki;
import dev.arca.dcap.trust.EcdsaP256;
import dev.arca.dcap.trust.IntelRootCa;
import dev.arca.model.json.Hex;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole verifier — parsing, PCK chain, QE report, quote signature, bindings, collateral, revocation, TCB
 * evaluation, claims — on evidence built here and signed by a {@link TestPki}. Only the trust anchor differs from
 * production: the verifier pins the test root.
 */
class DcapVerifierSyntheticTest {

    private static SyntheticPlatform platform;
    private static DcapVerifier tdx;
    private static DcapVerifier sgx;

    @BeforeAll
    static void platform() {
        platform = SyntheticPlatform.create();
        tdx = platform.verifier(platform.tdxCollateral());
        sgx = platform.verifier(platform.sgxCollateral());
    }

    static DcapVerificationResult verifyTdx(DcapVerifier verifier, byte[] quote) throws DcapVerificationException {
        return verifier.verifyTdx(quote, Optional.empty(), Optional.empty(), Optional.empty(), AT);
    }

    static Reason refusal(ThrowingCall call) {
        try {
            call.run();
        } catch (DcapVerificationException e) {
            assertThat(e.getMessage()).isNotBlank();
            return e.reason();
        } catch (RuntimeException e) {
            fail("an unchecked exception escaped the verifier", e);
        }
        fail("the evidence was accepted");
        return null;
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws DcapVerificationException;
    }

    @Test
    void anUpToDateTdxV4QuoteIsAcceptedWithItsClaims() throws Exception {
        byte[] reportData = QuoteBuilder.filled(64, 0x5a);
        byte[] initData = QuoteBuilder.filled(48, 0x1d);
        byte[] quote = platform.tdxV4().reportData(reportData).mrConfigId(initData).build();

        DcapVerificationResult result = tdx.verifyTdx(quote, Optional.empty(), Optional.of(reportData),
                Optional.of(initData), AT);

        assertThat(result.tee()).isEqualTo(dev.arca.dcap.quote.TeeType.TDX);
        assertThat(result.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(result.advisoryIds()).isEmpty();
        assertThat(result.claims().path("report_data").asString()).isEqualTo(Hex.of(reportData));
        assertThat(result.claims().path("init_data").asString()).isEqualTo(Hex.of(initData));
        assertThat(result.claims().path("quote").path("body").path("mr_td").asString())
                .isEqualTo("7d".repeat(48));
        assertThat(result.claims().path("td_attributes").path("debug").asBoolean()).isFalse();
        assertThat(result.claims().path("tcb_status").asString()).isEqualTo("UpToDate");
        assertThat(result.claims().path("root_key_id").asString())
                .isEqualTo(Hex.of(EcdsaP256.sha384(dev.arca.dcap.pck.Certificates.publicKeyPoint(
                        platform.pki().root()))));
        assertThat(result.claims().path("platform_provider_id").asString())
                .isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(result.claims().has("pck_crl_num")).isTrue();
        assertThat(result.claims().has("root_ca_crl_num")).isTrue();
    }

    @Test
    void tdxV5QuotesWithBothBodiesAreAccepted() throws Exception {
        assertThat(verifyTdx(tdx, platform.tdxV5().build()).tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
        DcapVerificationResult td10 = verifyTdx(tdx, QuoteBuilder.tdxV5Td10(platform.pck()).build());
        assertThat(td10.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(td10.claims().path("quote").path("type").asString()).isEqualTo("0200");
    }

    @Test
    void anUpToDateSgxV3QuoteIsAccepted() throws Exception {
        byte[] reportData = QuoteBuilder.filled(64, 0x42);
        byte[] configId = QuoteBuilder.filled(64, 0x24);
        byte[] quote = platform.sgxV3().reportData(reportData).configId(configId).build();

        DcapVerificationResult result = sgx.verifySgx(quote, Optional.of(reportData), Optional.of(configId), AT);

        assertThat(result.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(result.claims().path("body").path("mr_enclave").asString())
                .isEqualTo("33".repeat(32));
        assertThat(result.claims().path("init_data").asString()).isEqualTo(Hex.of(configId));
    }

    @Test
    void aPlatformBelowTheNewestLevelIsOutOfDateWithTheLevelsAdvisories() throws Exception {
        SyntheticPlatform older = platform.withPck(PckProfile.platform().withAllSgxComponents(2));
        byte[] svn = QuoteBuilder.filled(16, 2);
        svn[1] = 1;
        svn[0] = 3;
        DcapVerificationResult result = verifyTdx(older.verifier(older.tdxCollateral()),
                older.tdxV4().teeTcbSvn(svn).build());
        assertThat(result.tcbStatus()).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(result.advisoryIds()).containsExactly(SyntheticPlatform.ADVISORY_OUT_OF_DATE);

        DcapVerificationResult sgxResult = older.verifier(older.sgxCollateral())
                .verifySgx(older.sgxV3().build(), Optional.empty(), Optional.empty(), AT);
        assertThat(sgxResult.tcbStatus()).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(sgxResult.advisoryIds()).containsExactly(SyntheticPlatform.ADVISORY_OUT_OF_DATE);
    }

    @Test
    void aSoftwareHardeningLevelIsReportedWithItsAdvisories() throws Exception {
        RawCollateral collateral = platform.collateral(dev.arca.dcap.testpki.TcbInfoJson.tdx(platform.profile())
                .level(3, 13, 3, TcbStatus.SW_HARDENING_NEEDED, "INTEL-SA-00334", "INTEL-SA-00615")
                .moduleLevel(3, TcbStatus.UP_TO_DATE), platform.tdxQeIdentity());
        DcapVerificationResult result = verifyTdx(platform.verifier(collateral), platform.tdxV4().build());
        assertThat(result.tcbStatus()).isEqualTo(TcbStatus.SW_HARDENING_NEEDED);
        assertThat(result.advisoryIds()).containsExactly("INTEL-SA-00334", "INTEL-SA-00615");
        assertThat(result.claims().path("advisory_ids")).hasSize(2);
    }

    @Test
    void anOutdatedQeOrTdxModuleMakesAnUpToDatePlatformOutOfDate() throws Exception {
        DcapVerificationResult qe = verifyTdx(tdx, platform.tdxV4().qeIsvSvn(5).build());
        assertThat(qe.tcbStatus()).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(qe.advisoryIds()).containsExactly(SyntheticPlatform.ADVISORY_QE);

        byte[] svn = QuoteBuilder.filled(16, 3);
        svn[1] = 1;
        svn[0] = 2;
        DcapVerificationResult module = verifyTdx(tdx, platform.tdxV4().teeTcbSvn(svn).build());
        assertThat(module.tcbStatus()).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(module.advisoryIds()).containsExactly(SyntheticPlatform.ADVISORY_OUT_OF_DATE);
    }

    /** TDX 1.5: the module is out of date but the TD would run on the current one after a relaunch. */
    @Test
    void aTd15OnAnOutdatedModuleWithACurrentSecondModuleIsAdvisedToRelaunch() throws Exception {
        byte[] svn = QuoteBuilder.filled(16, 3);
        svn[1] = 1;
        svn[0] = 2;
        byte[] svn2 = QuoteBuilder.filled(16, 3);
        svn2[1] = 1;
        QuoteBuilder quote = platform.tdxV5().teeTcbSvn(svn).teeTcbSvn2(svn2);
        assertThat(verifyTdx(tdx, quote.build()).tcbStatus()).isEqualTo(TcbStatus.TD_RELAUNCH_ADVISED);
        svn2[0] = 2;
        assertThat(verifyTdx(tdx, quote.teeTcbSvn2(svn2).build()).tcbStatus()).isEqualTo(TcbStatus.OUT_OF_DATE);
    }

    @Test
    void aPlatformBelowEveryLevelMatchesNoTcb() {
        SyntheticPlatform ancient = platform.withPck(PckProfile.platform().withAllSgxComponents(1));
        DcapVerifier verifier = ancient.verifier(ancient.tdxCollateral());
        assertThat(refusal(() -> verifyTdx(verifier, ancient.tdxV4().build()))).isEqualTo(Reason.TCB_NOT_MATCHED);

        byte[] svn = QuoteBuilder.filled(16, 1);
        svn[1] = 1;
        svn[0] = 3;
        assertThat(refusal(() -> verifyTdx(tdx, platform.tdxV4().teeTcbSvn(svn).build())))
                .isEqualTo(Reason.TCB_NOT_MATCHED);
        assertThat(refusal(() -> verifyTdx(tdx, platform.tdxV4().qeIsvSvn(3).build())))
                .isEqualTo(Reason.TCB_NOT_MATCHED);
        byte[] oldModule = QuoteBuilder.filled(16, 3);
        oldModule[1] = 1;
        oldModule[0] = 1;
        assertThat(refusal(() -> verifyTdx(tdx, platform.tdxV4().teeTcbSvn(oldModule).build())))
                .isEqualTo(Reason.TCB_NOT_MATCHED);
    }

    @Test
    void aRevokedTcbLevelIsRefused() {
        RawCollateral collateral = platform.collateral(dev.arca.dcap.testpki.TcbInfoJson.tdx(platform.profile())
                .level(3, 13, 3, TcbStatus.REVOKED).moduleLevel(3, TcbStatus.UP_TO_DATE), platform.tdxQeIdentity());
        assertThat(refusal(() -> verifyTdx(platform.verifier(collateral), platform.tdxV4().build())))
                .isEqualTo(Reason.REVOKED);
    }

    @Test
    void aRevokedPckOrPckCaIsRefused() throws Exception {
        byte[] quote = platform.tdxV4().build();
        RawCollateral pckRevoked = platform.collateral(platform.pki().signCollateral(platform.tdxTcbInfo().json()),
                platform.pki().signCollateral(platform.tdxQeIdentity().json()),
                platform.pckCrl(platform.pck().serial()), platform.rootCaCrl());
        assertThat(refusal(() -> verifyTdx(platform.verifier(pckRevoked), quote))).isEqualTo(Reason.REVOKED);

        RawCollateral caRevoked = platform.collateral(platform.pki().signCollateral(platform.tdxTcbInfo().json()),
                platform.pki().signCollateral(platform.tdxQeIdentity().json()), platform.pckCrl(),
                platform.rootCaCrl(platform.pki().pckCa(PckCaType.PLATFORM).getSerialNumber()));
        assertThat(refusal(() -> verifyTdx(platform.verifier(caRevoked), quote))).isEqualTo(Reason.REVOKED);

        RawCollateral signingRevoked = platform.collateral(
                platform.pki().signCollateral(platform.tdxTcbInfo().json()),
                platform.pki().signCollateral(platform.tdxQeIdentity().json()), platform.pckCrl(),
                platform.rootCaCrl(platform.pki().tcbSigning().getSerialNumber()));
        assertThat(refusal(() -> verifyTdx(platform.verifier(signingRevoked), quote))).isEqualTo(Reason.REVOKED);

        // a serial of another platform revokes nothing here
        RawCollateral other = platform.collateral(platform.pki().signCollateral(platform.tdxTcbInfo().json()),
                platform.pki().signCollateral(platform.tdxQeIdentity().json()),
                platform.pckCrl(platform.pck().serial().add(java.math.BigInteger.valueOf(7919))), platform.rootCaCrl());
        assertThat(verifyTdx(platform.verifier(other), quote).tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
    }

    @Test
    void aProcessorCaPlatformIsCheckedAgainstTheProcessorCrl() throws Exception {
        SyntheticPlatform processor = platform.withPck(PckProfile.platform().withCaType(PckCaType.PROCESSOR));
        assertThat(verifyTdx(processor.verifier(processor.tdxCollateral()), processor.tdxV4().build()).tcbStatus())
                .isEqualTo(TcbStatus.UP_TO_DATE);
        // the Platform CA's CRL does not describe a Processor CA PCK
        RawCollateral platformCrl = new RawCollateral(processor.pki().signCollateral(processor.tdxTcbInfo().json()),
                processor.pki().signCollateral(processor.tdxQeIdentity().json()), platform.pckCrl(),
                platform.pki().pckCrlIssuerChain(PckCaType.PLATFORM), platform.rootCaCrl());
        assertThat(refusal(() -> verifyTdx(processor.verifier(platformCrl), processor.tdxV4().build())))
                .isEqualTo(Reason.COLLATERAL_MISMATCH);
    }

    @Test
    void expiredOrNotYetValidCollateralIsRefused() {
        byte[] quote = platform.tdxV4().build();
        RawCollateral expired = platform.collateral(platform.tdxTcbInfo().window(
                java.time.Instant.parse("2025-01-01T00:00:00Z"), java.time.Instant.parse("2026-02-01T00:00:00Z")),
                platform.tdxQeIdentity());
        DcapVerifier verifier = platform.verifier(expired);
        assertThat(refusal(() -> verifyTdx(verifier, quote))).isEqualTo(Reason.COLLATERAL_EXPIRED);
        assertThat(refusal(() -> verifier.verifyTdx(quote, Optional.empty(), Optional.empty(), Optional.empty(),
                java.time.Instant.parse("2025-12-01T00:00:00Z")))).isEqualTo(Reason.COLLATERAL_INVALID);

        RawCollateral expiredCrl = platform.collateral(platform.pki().signCollateral(platform.tdxTcbInfo().json()),
                platform.pki().signCollateral(platform.tdxQeIdentity().json()),
                platform.pki().pckCrl(PckCaType.PLATFORM, java.time.Instant.parse("2026-01-01T00:00:00Z"),
                        java.time.Instant.parse("2026-02-01T00:00:00Z")), platform.rootCaCrl());
        assertThat(refusal(() -> verifyTdx(platform.verifier(expiredCrl), quote)))
                .isEqualTo(Reason.COLLATERAL_EXPIRED);
    }

    @Test
    void anExpiredPckCertificateIsRefused() {
        dev.arca.dcap.testpki.IssuedPck pck = platform.pki().issuePck(PckProfile.platform(),
                java.time.Instant.parse("2020-01-01T00:00:00Z"), java.time.Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(refusal(() -> verifyTdx(tdx, QuoteBuilder.tdxV4(pck).build()))).isEqualTo(Reason.PCK_CHAIN);
        // the same PCK before its notAfter verifies
        assertThat(accepted(() -> tdx.verifyTdx(QuoteBuilder.tdxV4(pck).build(), Optional.empty(), Optional.empty(),
                Optional.empty(), java.time.Instant.parse("2026-02-01T00:00:00Z"))))
                .isEqualTo(TcbStatus.UP_TO_DATE);
    }

    @Test
    void withoutCrlsTheQuoteIsRefusedUnlessThePolicySaysCheckIfPresent() throws Exception {
        RawCollateral noCrls = new RawCollateral(platform.pki().signCollateral(platform.tdxTcbInfo().json()),
                platform.pki().signCollateral(platform.tdxQeIdentity().json()), null, List.of(), null);
        byte[] quote = platform.tdxV4().build();
        assertThat(refusal(() -> verifyTdx(platform.verifier(noCrls), quote)))
                .isEqualTo(Reason.COLLATERAL_UNAVAILABLE);
        DcapVerifier lenient = DcapVerifier.forSource(dev.arca.dcap.collateral.CollateralSource.fixed(noCrls),
                CrlPolicy.CHECK_IF_PRESENT, platform.pki().trustAnchor());
        assertThat(verifyTdx(lenient, quote).tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
    }

    @Test
    void collateralForAnotherPlatformOrTeeIsAMismatch() {
        SyntheticPlatform elsewhere = platform.withPck(PckProfile.platform().withFmspc("00A06F000000"));
        assertThat(refusal(() -> verifyTdx(tdx, elsewhere.tdxV4().build()))).isEqualTo(Reason.COLLATERAL_MISMATCH);
        assertThat(refusal(() -> verifyTdx(platform.verifier(platform.sgxCollateral()), platform.tdxV4().build())))
                .isEqualTo(Reason.COLLATERAL_MISMATCH);
    }

    @Test
    void forgedOrAlteredCollateralIsRefused() {
        byte[] quote = platform.tdxV4().build();
        RawCollateral forged = platform.collateral(TestPki.signCollateral(platform.tdxTcbInfo().json(),
                TestPki.keyPair().getPrivate(), platform.pki().tcbSigningChain()),
                platform.pki().signCollateral(platform.tdxQeIdentity().json()), platform.pckCrl(),
                platform.rootCaCrl());
        assertThat(refusal(() -> verifyTdx(platform.verifier(forged), quote))).isEqualTo(Reason.COLLATERAL_INVALID);

        var signed = platform.pki().signCollateral(platform.tdxTcbInfo().json());
        byte[] altered = signed.signedBytes();
        int at = new String(altered, java.nio.charset.StandardCharsets.UTF_8).indexOf("UpToDate");
        altered[at] = 'O';
        RawCollateral tampered = platform.collateral(new dev.arca.dcap.collateral.SignedJson(altered,
                signed.signature(), signed.issuerChain()), platform.pki().signCollateral(
                        platform.tdxQeIdentity().json()), platform.pckCrl(), platform.rootCaCrl());
        assertThat(refusal(() -> verifyTdx(platform.verifier(tampered), quote))).isEqualTo(Reason.COLLATERAL_INVALID);
    }

    @Test
    void theProductionPinRefusesTheTestRoot() {
        DcapVerifier production = DcapVerifier.forSource(
                dev.arca.dcap.collateral.CollateralSource.fixed(platform.tdxCollateral()));
        try {
            verifyTdx(production, platform.tdxV4().build());
            fail("a chain to the test root was trusted by the production pin");
        } catch (DcapVerificationException e) {
            assertThat(e.reason()).isEqualTo(Reason.PCK_CHAIN);
            assertThat(e.getMessage()).contains("is not a trusted root", platform.pki().rootFingerprint(),
                    IntelRootCa.INTEL_SGX_ROOT_CA_SHA256);
        }
    }

    @Test
    void evidenceOrCollateralUnderAnotherRootIsRefused() {
        SyntheticPlatform foreign = SyntheticPlatform.create();
        // a quote certified by another hierarchy, collateral by ours
        assertThat(refusal(() -> verifyTdx(tdx, foreign.tdxV4().build()))).isEqualTo(Reason.PCK_CHAIN);
        // our quote, collateral signed by another hierarchy
        assertThat(refusal(() -> verifyTdx(platform.verifier(foreign.tdxCollateral()), platform.tdxV4().build())))
                .isEqualTo(Reason.COLLATERAL_INVALID);
        // both roots pinned: the quote's chain and the collateral must still share their root
        IntelRootCa both = IntelRootCa.pinnedTo(List.of(platform.pki().rootFingerprint(),
                foreign.pki().rootFingerprint()));
        DcapVerifier verifier = DcapVerifier.forSource(dev.arca.dcap.collateral.CollateralSource.fixed(
                foreign.collateral(foreign.tdxTcbInfo(), foreign.tdxQeIdentity())), CrlPolicy.REQUIRE, both);
        assertThat(refusal(() -> verifyTdx(verifier, platform.tdxV4().build()))).isEqualTo(Reason.PCK_CHAIN);
        assertThat(accepted(() -> verifyTdx(verifier, foreign.tdxV4().build()))).isEqualTo(TcbStatus.UP_TO_DATE);
    }

    private static TcbStatus accepted(ThrowingVerification call) {
        try {
            return call.run().tcbStatus();
        } catch (DcapVerificationException e) {
            throw new AssertionError("refused: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    interface ThrowingVerification {
        DcapVerificationResult run() throws DcapVerificationException;
    }

    /** A root whose fingerprint is pinned must still be self-signed: a substituted chain cannot borrow the name. */
    @Test
    void aChainEndingInAnUnpinnedLookAlikeRootIsRefused() {
        TestPki.KeyPairAndCertificate lookAlike = TestPki.foreignRoot();
        String pem = TestPki.pem(List.of(platform.pck().leaf(), platform.pki().pckCa(PckCaType.PLATFORM),
                lookAlike.certificate()));
        byte[] quote = platform.tdxV4().certificationData(pem.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .build();
        assertThat(refusal(() -> verifyTdx(tdx, quote))).isEqualTo(Reason.PCK_CHAIN);
    }

    @Test
    void theQeReportMustBindTheAttestationKeyAndComeFromTheQeOfTheIdentity() {
        assertThat(refusal(() -> verifyTdx(tdx, platform.tdxV4().qeReportData(new byte[64]).build())))
                .isEqualTo(Reason.QE_REPORT_DATA);
        assertThat(refusal(() -> verifyTdx(tdx, platform.tdxV4().qeMrSigner(QuoteBuilder.filled(32, 1)).build())))
                .isEqualTo(Reason.QE_IDENTITY);
        assertThat(refusal(() -> verifyTdx(tdx, platform.tdxV4().mrSignerSeam(QuoteBuilder.filled(48, 9)).build())))
                .isEqualTo(Reason.TDX_MODULE_MISMATCH);
    }

    /** Every signed region: the header and body (quote signature), key and auth data (binding), QE report, chain. */
    @Test
    void aFlippedByteInAnySignedRegionIsRefused() {
        QuoteBuilder builder = platform.tdxV4();
        byte[] quote = builder.build();
        int signatureData = builder.bodyOffset() + builder.bodySize() + 4;
        int attestationKey = signatureData + 64;
        int qeReport = attestationKey + 64 + 6;
        int qeReportSignature = qeReport + 384;
        int authData = qeReportSignature + 64 + 2;
        int pem = authData + 32 + 6;
        assertThat(flipped(quote, 30)).as("header user_data").isEqualTo(Reason.SIGNATURE);
        assertThat(flipped(quote, builder.bodyOffset() + QuoteBuilder.TD_MR_TD)).as("body").isEqualTo(Reason.SIGNATURE);
        assertThat(flipped(quote, builder.bodyOffset() + QuoteBuilder.TD_REPORT_DATA + 63)).as("report data")
                .isEqualTo(Reason.SIGNATURE);
        assertThat(flipped(quote, signatureData + 10)).as("quote signature").isEqualTo(Reason.SIGNATURE);
        assertThat(flipped(quote, attestationKey + 5)).as("attestation key").isEqualTo(Reason.QE_REPORT_DATA);
        assertThat(flipped(quote, qeReport + 64)).as("QE report").isEqualTo(Reason.QE_SIGNATURE);
        assertThat(flipped(quote, qeReportSignature + 3)).as("QE report signature").isEqualTo(Reason.QE_SIGNATURE);
        assertThat(flipped(quote, authData + 1)).as("QE auth data").isEqualTo(Reason.QE_REPORT_DATA);
        assertThat(flipped(quote, pem + 300)).as("PCK leaf").isEqualTo(Reason.PCK_CHAIN);
        assertThat(flipped(quote, 0)).as("version").isEqualTo(Reason.FORMAT);
        assertThat(flipped(quote, 14)).as("QE vendor id").isEqualTo(Reason.FORMAT);
    }

    @Test
    void aFlippedByteInAnSgxQuoteIsRefused() {
        QuoteBuilder builder = platform.sgxV3();
        byte[] quote = builder.build();
        int signatureData = builder.bodyOffset() + builder.bodySize() + 4;
        assertThat(refusal(() -> sgx.verifySgx(flip(quote, builder.bodyOffset() + QuoteBuilder.SGX_MR_ENCLAVE),
                Optional.empty(), Optional.empty(), AT))).isEqualTo(Reason.SIGNATURE);
        assertThat(refusal(() -> sgx.verifySgx(flip(quote, signatureData + 128 + 70), Optional.empty(),
                Optional.empty(), AT))).isEqualTo(Reason.QE_SIGNATURE);
    }

    private static Reason flipped(byte[] quote, int offset) {
        return refusal(() -> verifyTdx(tdx, flip(quote, offset)));
    }

    private static byte[] flip(byte[] quote, int offset) {
        byte[] copy = quote.clone();
        copy[offset] ^= (byte) (copy[offset] >= 'A' && copy[offset] <= 'Z' ? 0x20 : 0x04);
        return copy;
    }

    @Test
    void everyTruncationIsAFormatError() {
        for (byte[] quote : List.of(platform.tdxV4().build(), platform.tdxV5().build(), platform.sgxV3().build())) {
            for (int length = 0; length < quote.length; length += 7) {
                byte[] truncated = Arrays.copyOf(quote, length);
                Reason reason = refusal(() -> {
                    if (quote[4] == 0) {
                        sgx.verifySgx(truncated, Optional.empty(), Optional.empty(), AT);
                    } else {
                        verifyTdx(tdx, truncated);
                    }
                });
                assertThat(reason).as("truncated to %d of %d", length, quote.length).isEqualTo(Reason.FORMAT);
            }
        }
    }

    @Test
    void aQuoteOfTheOtherTeeIsAFormatError() {
        assertThat(refusal(() -> sgx.verifySgx(platform.tdxV4().build(), Optional.empty(), Optional.empty(), AT)))
                .isEqualTo(Reason.FORMAT);
        assertThat(refusal(() -> verifyTdx(tdx, platform.sgxV3().build()))).isEqualTo(Reason.FORMAT);
    }

    /** A debug TD or enclave verifies (its evidence is genuine) and says so in its claims; policy decides. */
    @Test
    void aDebugTdOrEnclaveIsReportedAsDebug() throws Exception {
        DcapVerificationResult td = verifyTdx(tdx, platform.tdxV4().debugTd(true).build());
        assertThat(td.claims().path("td_attributes").path("debug").asBoolean()).isTrue();
        DcapVerificationResult enclave = sgx.verifySgx(platform.sgxV3().debugEnclave(true).build(), Optional.empty(),
                Optional.empty(), AT);
        assertThat(enclave.claims().path("body").path("attributes.flags").asString())
                .startsWith("07");
    }

    @Test
    void reportDataAndInitDataMustBindTheExpectedValues() {
        byte[] reportData = QuoteBuilder.filled(64, 0x5a);
        byte[] initData = QuoteBuilder.filled(48, 0x1d);
        byte[] quote = platform.tdxV4().reportData(reportData).mrConfigId(initData).build();
        assertThat(refusal(() -> tdx.verifyTdx(quote, Optional.empty(), Optional.of(new byte[64]), Optional.empty(),
                AT))).isEqualTo(Reason.REPORT_DATA_MISMATCH);
        assertThat(refusal(() -> tdx.verifyTdx(quote, Optional.empty(), Optional.empty(),
                Optional.of(QuoteBuilder.filled(48, 0x1e)), AT))).isEqualTo(Reason.INIT_DATA_MISMATCH);
        // shorter expectations are zero-padded (regularized) before the comparison
        byte[] shortData = QuoteBuilder.filled(32, 0x5a);
        byte[] padded = Arrays.copyOf(shortData, 64);
        byte[] paddedQuote = platform.tdxV4().reportData(padded).build();
        assertThat(accepted(() -> tdx.verifyTdx(paddedQuote, Optional.empty(), Optional.of(shortData),
                Optional.empty(), AT))).isEqualTo(TcbStatus.UP_TO_DATE);
    }

    @Test
    void sgxConfigIdMustBindTheExpectedInitData() {
        byte[] quote = platform.sgxV3().configId(QuoteBuilder.filled(64, 0x24)).build();
        assertThat(refusal(() -> sgx.verifySgx(quote, Optional.empty(), Optional.of(QuoteBuilder.filled(64, 0x25)),
                AT))).isEqualTo(Reason.INIT_DATA_MISMATCH);
        assertThat(refusal(() -> sgx.verifySgx(quote, Optional.of(QuoteBuilder.filled(64, 1)), Optional.empty(),
                AT))).isEqualTo(Reason.REPORT_DATA_MISMATCH);
    }

    @Test
    void theCcEventLogIsReplayedIntoTheRtmrs() throws Exception {
        CcelBuilder log = new CcelBuilder().event(1, "firmware").event(2, "grub").event(3, "kernel cmdline")
                .event(3, "initrd");
        byte[] quote = log.applyTo(platform.tdxV4()).build();

        DcapVerificationResult result = tdx.verifyTdx(quote, Optional.of(log.build()), Optional.empty(),
                Optional.empty(), AT);
        assertThat(result.claims().path("uefi_event_logs")).hasSize(4);
        assertThat(result.claims().path("uefi_event_logs").path(0).path("digest_matches_event").asBoolean())
                .isTrue();

        byte[] other = new CcelBuilder().event(1, "firmware").event(2, "grub").event(3, "other cmdline")
                .event(3, "initrd").build();
        assertThat(refusal(() -> tdx.verifyTdx(quote, Optional.of(other), Optional.empty(), Optional.empty(), AT)))
                .isEqualTo(Reason.EVENT_LOG_MISMATCH);
        byte[] truncated = Arrays.copyOf(log.build(), 100);
        assertThat(refusal(() -> tdx.verifyTdx(quote, Optional.of(truncated), Optional.empty(), Optional.empty(),
                AT))).isEqualTo(Reason.FORMAT);
        assertThat(refusal(() -> tdx.verifyTdx(quote, Optional.of(new byte[] {1, 2, 3}), Optional.empty(),
                Optional.empty(), AT))).isEqualTo(Reason.FORMAT);
    }
}
