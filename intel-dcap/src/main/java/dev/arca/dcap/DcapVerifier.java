package dev.arca.dcap;

import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.claims.SgxClaims;
import dev.arca.dcap.claims.SupplementalClaims;
import dev.arca.dcap.claims.TdxClaims;
import dev.arca.dcap.collateral.CollateralSource;
import dev.arca.dcap.collateral.CollateralVerifier;
import dev.arca.dcap.collateral.VerifiedCollateral;
import dev.arca.dcap.collateral.VerifiedCollateralCache;
import dev.arca.dcap.pck.PckCertChain;
import dev.arca.dcap.quote.Quote;
import dev.arca.dcap.quote.QuoteFormatException;
import dev.arca.dcap.quote.QuoteParser;
import dev.arca.dcap.quote.SgxEnclaveReport;
import dev.arca.dcap.quote.TdReport;
import dev.arca.dcap.quote.TeeType;
import dev.arca.dcap.trust.IntelRootCa;
import dev.arca.dcap.verify.AuthenticatedQuote;
import dev.arca.dcap.verify.Bindings;
import dev.arca.dcap.verify.QuoteAuthenticator;
import dev.arca.dcap.verify.RtmrReplay;
import dev.arca.dcap.verify.TcbEvaluation;
import dev.arca.dcap.verify.TcbEvaluator;
import dev.arca.tpm.eventlog.TcgEventLog;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Verifies Intel TDX (quote v4/v5) and SGX (quote v3) evidence in pure Java, as upstream's {@code tdx} and
 * {@code sgx} verifiers do with Intel's QVL (Trustee tdx and sgx verifiers). In order:
 * <ol>
 *   <li>parse the quote by its declared lengths;</li>
 *   <li>authenticate it: PCK chain to a pinned root (Intel's by default) valid at the instant, QE report signed by
 *       the PCK leaf and binding the attestation key, quote signed by the attestation key;</li>
 *   <li>check the report-data and init-data bindings and, for TDX, replay the CC event log into the RTMRs;</li>
 *   <li>get verified collateral for the platform (cached), require it valid at the instant, check revocation;</li>
 *   <li>evaluate the TCB as Intel's QVL does and build the claims.</li>
 * </ol>
 * The verification instant is always a parameter, never the system clock. Any failure refuses the quote with a
 * {@link DcapVerificationException}; unexpected runtime errors are refused too (reason UNEXPECTED): fail closed.
 * Instances are thread-safe.
 */
public final class DcapVerifier {

    private final QuoteAuthenticator authenticator;
    private final VerifiedCollateralCache collateral;
    private final CrlPolicy crlPolicy;

    /** A verifier trusting Intel's root only. */
    public DcapVerifier(VerifiedCollateralCache collateral, CrlPolicy crlPolicy) {
        this(IntelRootCa.pinned(), collateral, crlPolicy);
    }

    /**
     * @param root the pinned roots of the quotes' PCK chains; the collateral cache's verifier should pin the same
     */
    public DcapVerifier(IntelRootCa root, VerifiedCollateralCache collateral, CrlPolicy crlPolicy) {
        this.authenticator = new QuoteAuthenticator(root);
        this.collateral = Objects.requireNonNull(collateral, "collateral");
        this.crlPolicy = Objects.requireNonNull(crlPolicy, "crlPolicy");
    }

    /** A verifier with its own verified-collateral cache over {@code source}, requiring CRLs. */
    public static DcapVerifier forSource(CollateralSource source) {
        return forSource(source, CrlPolicy.REQUIRE);
    }

    public static DcapVerifier forSource(CollateralSource source, CrlPolicy crlPolicy) {
        return forSource(source, crlPolicy, IntelRootCa.pinned());
    }

    /** A verifier with its own verified-collateral cache over {@code source}, trusting the roots {@code root} pins. */
    public static DcapVerifier forSource(CollateralSource source, CrlPolicy crlPolicy, IntelRootCa root) {
        return new DcapVerifier(root, new VerifiedCollateralCache(source, new CollateralVerifier(root)), crlPolicy);
    }

    /**
     * @param quote              the TD quote (v4 or v5)
     * @param ccel               the CC event log area, replayed against RTMR0–3 when present
     * @param expectedReportData compared as regularize(·, 64) with report_data when present
     * @param expectedInitData   the init-data digest, compared as regularize(·, 48) with mr_config_id when present
     * @param at                 the verification instant
     */
    public DcapVerificationResult verifyTdx(byte[] quote, Optional<byte[]> ccel, Optional<byte[]> expectedReportData,
            Optional<byte[]> expectedInitData, Instant at) throws DcapVerificationException {
        try {
            Quote parsed = parse(quote, TeeType.TDX);
            TdReport td = parsed.tdReport().orElseThrow();
            AuthenticatedQuote authenticated = authenticator.authenticate(parsed, at);
            Bindings.reportData(td, expectedReportData);
            Bindings.initData(td, expectedInitData);
            Optional<TcgEventLog> eventLog = Optional.empty();
            if (ccel.isPresent() && ccel.get().length > 0) {
                TcgEventLog log = RtmrReplay.parse(ccel.get());
                RtmrReplay.requireMatches(log, td);
                eventLog = Optional.of(log);
            }
            PckCertChain pck = authenticated.pckChain();
            ObjectNode claims = TdxClaims.build(parsed, pck.extensions(), eventLog);
            return appraise(authenticated, claims, at);
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    /**
     * @param quote              the SGX quote (v3)
     * @param expectedReportData compared as regularize(·, 64) with report_data when present
     * @param expectedInitData   the init-data digest, compared as regularize(·, 64) with config_id when present
     * @param at                 the verification instant
     */
    public DcapVerificationResult verifySgx(byte[] quote, Optional<byte[]> expectedReportData,
            Optional<byte[]> expectedInitData, Instant at) throws DcapVerificationException {
        try {
            Quote parsed = parse(quote, TeeType.SGX);
            SgxEnclaveReport body = parsed.enclaveReport().orElseThrow();
            AuthenticatedQuote authenticated = authenticator.authenticate(parsed, at);
            Bindings.reportData(body, expectedReportData);
            Bindings.initData(body, expectedInitData);
            ObjectNode claims = SgxClaims.build(parsed, authenticated.pckChain().extensions());
            return appraise(authenticated, claims, at);
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    private static Quote parse(byte[] quote, TeeType expected) throws QuoteFormatException {
        Quote parsed = QuoteParser.parse(quote);
        if (parsed.teeType() != expected) {
            throw new QuoteFormatException("expected a " + expected + " quote, got " + parsed.teeType()
                    + " (version " + parsed.version() + ")");
        }
        return parsed;
    }

    private DcapVerificationResult appraise(AuthenticatedQuote authenticated, ObjectNode claims, Instant at)
            throws DcapVerificationException {
        Quote quote = authenticated.quote();
        PckCertChain pck = authenticated.pckChain();
        VerifiedCollateral verified = collateral.get(authenticated.collateralRequest(), at);
        verified.requireValidAt(at);
        if (crlPolicy == CrlPolicy.REQUIRE && (verified.pckCrl().isEmpty() || verified.rootCaCrl().isEmpty())) {
            throw new DcapVerificationException(Reason.COLLATERAL_UNAVAILABLE,
                    "the collateral lacks the PCK CRL or the Root CA CRL");
        }
        verified.requireSameRoot(pck);
        verified.checkRevocation(pck);
        TcbEvaluation evaluation = TcbEvaluator.evaluate(quote, pck.extensions(), verified.tcbInfo(),
                verified.qeIdentity());
        SupplementalClaims.addTo(claims, evaluation, verified, pck.extensions(),
                authenticated.rootKeyId());
        return new DcapVerificationResult(quote.teeType(), claims, evaluation.status(), evaluation.advisoryIds(),
                evaluation.tcbDate());
    }

    private static DcapVerificationException unexpected(RuntimeException e) {
        return new DcapVerificationException(Reason.UNEXPECTED,
                "verification failed unexpectedly (" + e.getClass().getSimpleName() + ")", e);
    }
}
