package dev.arca.dcap.testpki;

import dev.arca.dcap.CrlPolicy;
import dev.arca.dcap.DcapVerifier;
import dev.arca.dcap.collateral.CollateralSource;
import dev.arca.dcap.collateral.RawCollateral;
import dev.arca.dcap.collateral.SignedJson;
import dev.arca.dcap.collateral.TcbStatus;
import dev.arca.model.json.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import tools.jackson.databind.node.ObjectNode;

/**
 * A synthetic Intel platform under a {@link TestPki}: its PCK leaf, quotes built for it, and collateral that
 * describes it, all signed by the test hierarchy. The defaults make an UpToDate platform at {@link TestPki#AT}:
 *
 * <ul>
 *   <li>PCK: {@link PckProfile#platform()} (every SGX component 3, PCESVN 13);</li>
 *   <li>TCB Info (TDX and SGX): an UpToDate level at SGX 3 / TDX 3 and an OutOfDate level at 2 with advisory
 *       INTEL-SA-00837; the TDX module TDX_01 UpToDate at ISVSVN 3, OutOfDate at 2;</li>
 *   <li>QE Identity: UpToDate at QE ISVSVN 8, OutOfDate at 4 (INTEL-SA-00615); the quotes' QE has ISVSVN 8;</li>
 *   <li>CRLs from 2026-01-01 to 2030-01-01 revoking nothing.</li>
 * </ul>
 * Tests change one thing (a level, a window, a CRL entry, a byte) and keep the rest.
 */
public final class SyntheticPlatform {

    public static final Instant CRL_THIS_UPDATE = Instant.parse("2026-01-01T00:00:00Z");
    public static final Instant CRL_NEXT_UPDATE = Instant.parse("2030-01-01T00:00:00Z");
    public static final String ADVISORY_OUT_OF_DATE = "INTEL-SA-00837";
    public static final String ADVISORY_QE = "INTEL-SA-00615";

    private final TestPki pki;
    private final PckProfile profile;
    private final IssuedPck pck;

    private SyntheticPlatform(TestPki pki, PckProfile profile, IssuedPck pck) {
        this.pki = pki;
        this.profile = profile;
        this.pck = pck;
    }

    /** A platform under a fresh {@link TestPki}. */
    public static SyntheticPlatform create() {
        return on(TestPki.create(), PckProfile.platform());
    }

    public static SyntheticPlatform on(TestPki pki, PckProfile profile) {
        return new SyntheticPlatform(pki, profile, pki.issuePck(profile));
    }

    /** The same PKI, another PCK (e.g. with other TCB values or another CA). */
    public SyntheticPlatform withPck(PckProfile other) {
        return on(pki, other);
    }

    public TestPki pki() {
        return pki;
    }

    public PckProfile profile() {
        return profile;
    }

    public IssuedPck pck() {
        return pck;
    }

    public QuoteBuilder tdxV4() {
        return QuoteBuilder.tdxV4(pck);
    }

    public QuoteBuilder tdxV5() {
        return QuoteBuilder.tdxV5Td15(pck);
    }

    public QuoteBuilder sgxV3() {
        return QuoteBuilder.sgxV3(pck, profile);
    }

    public TcbInfoJson tdxTcbInfo() {
        return TcbInfoJson.tdx(profile)
                .level(3, 13, 3, TcbStatus.UP_TO_DATE)
                .level(2, 13, 2, TcbStatus.OUT_OF_DATE, ADVISORY_OUT_OF_DATE)
                .moduleLevel(3, TcbStatus.UP_TO_DATE)
                .moduleLevel(2, TcbStatus.OUT_OF_DATE, ADVISORY_OUT_OF_DATE);
    }

    public TcbInfoJson sgxTcbInfo() {
        return TcbInfoJson.sgx(profile)
                .level(3, 13, 0, TcbStatus.UP_TO_DATE)
                .level(2, 13, 0, TcbStatus.OUT_OF_DATE, ADVISORY_OUT_OF_DATE);
    }

    public QeIdentityJson tdxQeIdentity() {
        return withQeLevels(QeIdentityJson.tdx());
    }

    public QeIdentityJson sgxQeIdentity() {
        return withQeLevels(QeIdentityJson.sgx());
    }

    private static QeIdentityJson withQeLevels(QeIdentityJson identity) {
        return identity.level(8, TcbStatus.UP_TO_DATE).level(4, TcbStatus.OUT_OF_DATE, ADVISORY_QE);
    }

    /** The default TDX collateral: TCB Info, TD_QE identity, PCK CRL with its issuer chain, Root CA CRL. */
    public RawCollateral tdxCollateral() {
        return collateral(tdxTcbInfo(), tdxQeIdentity());
    }

    public RawCollateral sgxCollateral() {
        return collateral(sgxTcbInfo(), sgxQeIdentity());
    }

    /** Both documents signed by the TCB signing key, with the default CRLs. */
    public RawCollateral collateral(TcbInfoJson tcbInfo, QeIdentityJson qeIdentity) {
        return collateral(pki.signCollateral(tcbInfo.json()), pki.signCollateral(qeIdentity.json()), pckCrl(),
                rootCaCrl());
    }

    public RawCollateral collateral(SignedJson tcbInfo, SignedJson qeIdentity, byte[] pckCrl, byte[] rootCaCrl) {
        return new RawCollateral(tcbInfo, qeIdentity, pckCrl, pki.pckCrlIssuerChain(profile.caType()), rootCaCrl);
    }

    /** The PCK CRL of the platform's CA in the default window. */
    public byte[] pckCrl(BigInteger... revoked) {
        return pki.pckCrl(profile.caType(), CRL_THIS_UPDATE, CRL_NEXT_UPDATE, revoked);
    }

    public byte[] rootCaCrl(BigInteger... revoked) {
        return pki.rootCaCrl(CRL_THIS_UPDATE, CRL_NEXT_UPDATE, revoked);
    }

    /** A verifier over {@code collateral} that pins this platform's test root (CRLs required, as in production). */
    public DcapVerifier verifier(RawCollateral collateral) {
        return DcapVerifier.forSource(CollateralSource.fixed(collateral), CrlPolicy.REQUIRE, pki.trustAnchor());
    }

    /**
     * The collateral as a "quote collateral bundle" JSON file (the dcap-qvl layout that {@code QuoteCollateralBundle}
     * reads): the signed documents as strings with hex signatures and PEM issuer chains, the CRLs as hex DER.
     */
    public static String bundleJson(RawCollateral collateral) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("tcb_info", new String(collateral.tcbInfo().signedBytes(), StandardCharsets.UTF_8));
        root.put("tcb_info_signature", HexFormat.of().formatHex(collateral.tcbInfo().signature()));
        root.put("tcb_info_issuer_chain", TestPki.pem(collateral.tcbInfo().issuerChain()));
        root.put("qe_identity", new String(collateral.qeIdentity().signedBytes(), StandardCharsets.UTF_8));
        root.put("qe_identity_signature", HexFormat.of().formatHex(collateral.qeIdentity().signature()));
        root.put("qe_identity_issuer_chain", TestPki.pem(collateral.qeIdentity().issuerChain()));
        collateral.pckCrlBytes().ifPresent(crl -> root.put("pck_crl", HexFormat.of().formatHex(crl)));
        if (!collateral.pckCrlIssuerChain().isEmpty()) {
            root.put("pck_crl_issuer_chain", TestPki.pem(collateral.pckCrlIssuerChain()));
        }
        collateral.rootCaCrlBytes().ifPresent(crl -> root.put("root_ca_crl", HexFormat.of().formatHex(crl)));
        return Json.MAPPER.writeValueAsString(root);
    }
}
