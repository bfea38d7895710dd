package dev.arca.dcap.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.Vectors;
import dev.arca.dcap.collateral.CollateralParser;
import dev.arca.dcap.collateral.IdentityTcbLevel;
import dev.arca.dcap.collateral.QeIdentity;
import dev.arca.dcap.collateral.RawCollateral;
import dev.arca.dcap.collateral.TcbInfo;
import dev.arca.dcap.collateral.TcbLevel;
import dev.arca.dcap.collateral.TcbStatus;
import dev.arca.dcap.collateral.TdxModuleIdentity;
import dev.arca.dcap.pck.PckCertChain;
import dev.arca.dcap.pck.SgxExtensions;
import dev.arca.dcap.quote.Quote;
import dev.arca.dcap.quote.QuoteParser;
import dev.arca.model.testing.RealEvidence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TCB evaluation rules (Intel QVL TcbLevelCheck, TdxModuleCheck, TDRelaunchCheck). Real
 * quotes and parsed real collateral, with levels edited to reach the branches the corpus does not exercise
 * (the evaluator works on parsed collateral; signatures are covered elsewhere).
 */
@RealEvidence
class TcbEvaluatorTest {

    private static final Instant DATE = Instant.parse("2020-01-01T00:00:00Z");

    private record Case(Quote quote, SgxExtensions pck, TcbInfo tcbInfo, QeIdentity qe) {

        TcbEvaluation evaluate() throws DcapVerificationException {
            return TcbEvaluator.evaluate(quote, pck, tcbInfo, qe);
        }

        Case tcbInfo(TcbInfo replacement) {
            return new Case(quote, pck, replacement, qe);
        }

        Case qe(QeIdentity replacement) {
            return new Case(quote, pck, tcbInfo, replacement);
        }
    }

    private static Case load(String quoteFile, String bundle) throws Exception {
        Quote quote = QuoteParser.parse(Vectors.bytes(quoteFile));
        RawCollateral raw = Vectors.bundle(bundle);
        return new Case(quote, PckCertChain.parse(quote.signatureData().pckCertChainPem()).extensions(),
                CollateralParser.tcbInfo(raw.tcbInfo().signedBytes()),
                CollateralParser.qeIdentity(raw.qeIdentity().signedBytes()));
    }

    /** I2: phala_tdx_quote, module TDX_01, QE isvsvn 6. */
    private static Case i2() throws Exception {
        return load("tdx/phala_tdx_quote", "phala_tdx_quote_collateral.json");
    }

    private static TcbInfo levels(TcbInfo info, List<TcbLevel> levels) {
        return new TcbInfo(info.id(), info.version(), info.issueDate(), info.nextUpdate(), info.fmspc(),
                info.pceId(), info.tcbType(), info.tcbEvaluationDataNumber(), info.tdxModule(),
                info.tdxModuleIdentities(), levels);
    }

    private static TcbInfo modules(TcbInfo info, List<TdxModuleIdentity> identities) {
        return new TcbInfo(info.id(), info.version(), info.issueDate(), info.nextUpdate(), info.fmspc(),
                info.pceId(), info.tcbType(), info.tcbEvaluationDataNumber(), info.tdxModule(), identities,
                info.tcbLevels());
    }

    private static TcbLevel status(TcbLevel level, TcbStatus status) {
        return new TcbLevel(level.sgxComponents(), level.pceSvn(), level.tdxComponents(), level.tcbDate(), status,
                level.advisoryIds());
    }

    private static TdxModuleIdentity module(TdxModuleIdentity base, IdentityTcbLevel... levels) {
        return new TdxModuleIdentity(base.id(), base.mrSigner(), base.attributes(), base.attributesMask(),
                List.of(levels));
    }

    private static QeIdentity qeLevels(QeIdentity qe, IdentityTcbLevel... levels) {
        return new QeIdentity(qe.id(), qe.version(), qe.issueDate(), qe.nextUpdate(), qe.tcbEvaluationDataNumber(),
                qe.miscselect(), qe.miscselectMask(), qe.attributes(), qe.attributesMask(), qe.mrSigner(),
                qe.isvProdId(), List.of(levels));
    }

    private static IdentityTcbLevel level(int isvSvn, TcbStatus status, String... advisories) {
        return new IdentityTcbLevel(isvSvn, DATE, status, List.of(advisories));
    }

    private static Reason reason(Case c) {
        try {
            c.evaluate();
        } catch (DcapVerificationException e) {
            return e.reason();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void i2SelectsTheFirstLevelAndModuleTdx01() throws Exception {
        TcbEvaluation evaluation = i2().evaluate();
        assertThat(evaluation.status()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(evaluation.platformLevel().tcbDate()).isEqualTo(Instant.parse("2024-03-13T00:00:00Z"));
        assertThat(evaluation.module().orElseThrow().isvSvn()).isEqualTo(4);
        assertThat(evaluation.qeLevel().isvSvn()).isEqualTo(4);
    }

    /** I9: PCESVN 11 < 13 selects the 2018-01-04 level; TDX_03 isvsvn 5 ≥ 3; QE 7 ≥ 4. */
    @Test
    void i9IsOutOfDateThroughThePceSvn() throws Exception {
        Quote quote = QuoteParser.parse(Vectors.bytes("tdx/trustee_tdx_quote_6.dat"));
        TcbInfo info = CollateralParser.tcbInfo(Vectors.tcbInfoResponse("trustee_tcbInfo.json",
                "phala_tcb_signing_chain_2025-2032.pem").signedBytes());
        QeIdentity qe = CollateralParser.qeIdentity(dev.arca.dcap.collateral.SignedJson.fromResponse(
                Vectors.bytes("intel-collateral/trustee_enclaveIdentity.json"), "enclaveIdentity", List.of())
                .signedBytes());
        TcbEvaluation evaluation = TcbEvaluator.evaluate(quote,
                PckCertChain.parse(quote.signatureData().pckCertChainPem()).extensions(), info, qe);

        assertThat(evaluation.status()).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(evaluation.platformLevel().tcbDate()).isEqualTo(Instant.parse("2018-01-04T00:00:00Z"));
        assertThat(evaluation.module().orElseThrow().isvSvn()).isEqualTo(3);
    }

    @Test
    void anOutOfDateQeConvergesTheStatus() throws Exception {
        Case base = i2();
        Case outdatedQe = base.qe(qeLevels(base.qe(), level(8, TcbStatus.UP_TO_DATE),
                level(2, TcbStatus.OUT_OF_DATE, "INTEL-SA-QE")));
        TcbEvaluation evaluation = outdatedQe.evaluate();
        assertThat(evaluation.status()).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(evaluation.advisoryIds()).containsExactly("INTEL-SA-QE");
        assertThat(evaluation.tcbDate()).isEqualTo(DATE);

        List<TcbLevel> configuration = new ArrayList<>(base.tcbInfo().tcbLevels());
        configuration.set(0, status(configuration.get(0), TcbStatus.CONFIGURATION_NEEDED));
        assertThat(outdatedQe.tcbInfo(levels(base.tcbInfo(), configuration)).evaluate().status())
                .isEqualTo(TcbStatus.OUT_OF_DATE_CONFIGURATION_NEEDED);

        configuration.set(0, status(configuration.get(0), TcbStatus.SW_HARDENING_NEEDED));
        assertThat(outdatedQe.tcbInfo(levels(base.tcbInfo(), configuration)).evaluate().status())
                .isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(base.tcbInfo(levels(base.tcbInfo(), configuration)).evaluate().status())
                .isEqualTo(TcbStatus.SW_HARDENING_NEEDED);
    }

    @Test
    void revokedLevelsAreRefused() throws Exception {
        Case base = i2();
        assertThat(reason(base.qe(qeLevels(base.qe(), level(2, TcbStatus.REVOKED))))).isEqualTo(Reason.REVOKED);

        List<TcbLevel> revoked = new ArrayList<>(base.tcbInfo().tcbLevels());
        revoked.set(0, status(revoked.get(0), TcbStatus.REVOKED));
        assertThat(reason(base.tcbInfo(levels(base.tcbInfo(), revoked)))).isEqualTo(Reason.REVOKED);

        TdxModuleIdentity tdx01 = base.tcbInfo().tdxModuleIdentities().get(1);
        assertThat(reason(base.tcbInfo(modules(base.tcbInfo(), List.of(module(tdx01,
                level(2, TcbStatus.REVOKED))))))).isEqualTo(Reason.REVOKED);
    }

    @Test
    void aQeBelowEveryLevelIsNotSupported() throws Exception {
        Case base = i2();
        assertThatThrownBy(() -> base.qe(qeLevels(base.qe(), level(9, TcbStatus.UP_TO_DATE))).evaluate())
                .hasMessageContaining("TCB_NOT_SUPPORTED")
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.TCB_NOT_MATCHED);
    }

    @Test
    void theTdxModuleMustMatchItsIdentity() throws Exception {
        Case base = i2();
        TdxModuleIdentity tdx01 = base.tcbInfo().tdxModuleIdentities().get(1);
        assertThat(tdx01.id()).isEqualTo("TDX_01");

        assertThat(reason(base.tcbInfo(modules(base.tcbInfo(),
                List.of(base.tcbInfo().tdxModuleIdentities().get(0)))))).isEqualTo(Reason.TDX_MODULE_MISMATCH);

        byte[] otherSigner = tdx01.mrSigner().clone();
        otherSigner[0] = 1;
        assertThat(reason(base.tcbInfo(modules(base.tcbInfo(), List.of(new TdxModuleIdentity(tdx01.id(),
                otherSigner, tdx01.attributes(), tdx01.attributesMask(), tdx01.tcbLevels()))))))
                .isEqualTo(Reason.TDX_MODULE_MISMATCH);

        byte[] attributes = tdx01.attributes().clone();
        attributes[7] = (byte) 0x80;
        assertThat(reason(base.tcbInfo(modules(base.tcbInfo(), List.of(new TdxModuleIdentity(tdx01.id(),
                tdx01.mrSigner(), attributes, tdx01.attributesMask(), tdx01.tcbLevels()))))))
                .isEqualTo(Reason.TDX_MODULE_MISMATCH);
    }

    @Test
    void theModuleLevelConvergesWithTheTdxLevel() throws Exception {
        Case base = i2();
        TdxModuleIdentity tdx01 = base.tcbInfo().tdxModuleIdentities().get(1);
        TcbEvaluation outdated = base.tcbInfo(modules(base.tcbInfo(), List.of(module(tdx01,
                level(7, TcbStatus.UP_TO_DATE), level(2, TcbStatus.OUT_OF_DATE, "INTEL-SA-MODULE"))))).evaluate();
        assertThat(outdated.status()).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(outdated.advisoryIds()).containsExactly("INTEL-SA-MODULE");

        assertThat(reason(base.tcbInfo(modules(base.tcbInfo(), List.of(module(tdx01,
                level(7, TcbStatus.UP_TO_DATE))))))).isEqualTo(Reason.TCB_NOT_MATCHED);
    }

    @Test
    void theQeReportMustMatchTheQeIdentity() throws Exception {
        Case base = i2();
        QeIdentity qe = base.qe();
        byte[] signer = qe.mrSigner().clone();
        signer[31] ^= 1;
        assertThat(reason(base.qe(new QeIdentity(qe.id(), qe.version(), qe.issueDate(), qe.nextUpdate(),
                qe.tcbEvaluationDataNumber(), qe.miscselect(), qe.miscselectMask(), qe.attributes(),
                qe.attributesMask(), signer, qe.isvProdId(), qe.tcbLevels())))).isEqualTo(Reason.QE_IDENTITY);
        assertThat(reason(base.qe(new QeIdentity(qe.id(), qe.version(), qe.issueDate(), qe.nextUpdate(),
                qe.tcbEvaluationDataNumber(), qe.miscselect(), qe.miscselectMask(), qe.attributes(),
                qe.attributesMask(), qe.mrSigner(), 1, qe.tcbLevels())))).isEqualTo(Reason.QE_IDENTITY);
        byte[] attributes = qe.attributes().clone();
        attributes[0] = 0x15;
        assertThat(reason(base.qe(new QeIdentity(qe.id(), qe.version(), qe.issueDate(), qe.nextUpdate(),
                qe.tcbEvaluationDataNumber(), qe.miscselect(), qe.miscselectMask(), attributes,
                qe.attributesMask(), qe.mrSigner(), qe.isvProdId(), qe.tcbLevels())))).isEqualTo(Reason.QE_IDENTITY);
        assertThat(reason(base.qe(new QeIdentity(qe.id(), qe.version(), qe.issueDate(), qe.nextUpdate(),
                qe.tcbEvaluationDataNumber(), 1, qe.miscselectMask(), qe.attributes(),
                qe.attributesMask(), qe.mrSigner(), qe.isvProdId(), qe.tcbLevels())))).isEqualTo(Reason.QE_IDENTITY);
    }

    @Test
    void theTcbInfoMustBeForThePlatformsPceId() throws Exception {
        Case base = i2();
        TcbInfo info = base.tcbInfo();
        assertThat(reason(base.tcbInfo(new TcbInfo(info.id(), info.version(), info.issueDate(), info.nextUpdate(),
                info.fmspc(), "0001", info.tcbType(), info.tcbEvaluationDataNumber(), info.tdxModule(),
                info.tdxModuleIdentities(), info.tcbLevels())))).isEqualTo(Reason.COLLATERAL_MISMATCH);
    }

    /** TDX indices 0 and 1 are skipped when tee_tcb_svn[1] > 0 (Intel QVL TcbLevelCheck). */
    @Test
    void tdxComponentsZeroAndOneAreJudgedByTheModule() throws Exception {
        Case base = i2();
        List<TcbLevel> strict = new ArrayList<>();
        for (TcbLevel level : base.tcbInfo().tcbLevels()) {
            List<Integer> tdx = new ArrayList<>(level.tdxComponents());
            tdx.set(0, 99);
            tdx.set(1, 99);
            strict.add(new TcbLevel(level.sgxComponents(), level.pceSvn(), tdx, level.tcbDate(), level.status(),
                    level.advisoryIds()));
        }
        assertThat(base.tcbInfo(levels(base.tcbInfo(), strict)).evaluate().status()).isEqualTo(TcbStatus.UP_TO_DATE);
    }

    /**
     * The TDX 1.5 relaunch rule: v5 sample (tee_tcb_svn 0b01 04…, tee_tcb_svn2 0d01 04…) on a TDX_01 whose level for
     * ISVSVN 11 is OutOfDate while the newest (13) is reachable by relaunching.
     */
    @Test
    void aTdx15TdOnAnOutdatedModuleIsAdvisedToRelaunch() throws Exception {
        Case base = load("tdx/gotdx_quote_v5_sample.dat", "phala_tdx_quote_outdated_collateral.json");
        TdxModuleIdentity tdx01 = base.tcbInfo().tdxModuleIdentities().get(1);
        Case relaunch = base.tcbInfo(modules(base.tcbInfo(), List.of(module(tdx01, level(13, TcbStatus.UP_TO_DATE),
                level(6, TcbStatus.OUT_OF_DATE)))));
        assertThat(relaunch.evaluate().status()).isEqualTo(TcbStatus.TD_RELAUNCH_ADVISED);

        List<TcbLevel> configuration = new ArrayList<>(relaunch.tcbInfo().tcbLevels());
        configuration.set(0, status(configuration.get(0), TcbStatus.CONFIGURATION_NEEDED));
        assertThat(relaunch.tcbInfo(levels(relaunch.tcbInfo(), configuration)).evaluate().status())
                .isEqualTo(TcbStatus.TD_RELAUNCH_ADVISED_CONFIGURATION_NEEDED);

        Case unreachable = base.tcbInfo(modules(base.tcbInfo(), List.of(module(tdx01,
                level(14, TcbStatus.UP_TO_DATE), level(6, TcbStatus.OUT_OF_DATE)))));
        assertThat(unreachable.evaluate().status()).isEqualTo(TcbStatus.OUT_OF_DATE);

        Case outdatedQe = relaunch.qe(qeLevels(relaunch.qe(), level(8, TcbStatus.UP_TO_DATE),
                level(1, TcbStatus.OUT_OF_DATE)));
        assertThat(outdatedQe.evaluate().status()).isEqualTo(TcbStatus.OUT_OF_DATE);
    }

    @Test
    void i1SgxLevelAndAdvisories() throws Exception {
        Case sgx = load("sgx/phala_sgx_quote", "phala_sgx_quote_collateral.json");
        TcbEvaluation evaluation = sgx.evaluate();
        assertThat(evaluation.status()).isEqualTo(TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED);
        assertThat(evaluation.advisoryIds()).containsExactly("INTEL-SA-00289", "INTEL-SA-00615");
        assertThat(evaluation.module()).isEmpty();
        // the PCK's component 7 is below the first level's 12, so the second level (component 7 = 0) is chosen
        assertThat(evaluation.platformLevel().sgxComponents().get(6)).isZero();
        assertThat(sgx.pck().tcb().componentSvns().get(6)).isLessThan(12);
    }
}
