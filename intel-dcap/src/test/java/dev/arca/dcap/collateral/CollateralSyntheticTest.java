package dev.arca.dcap.collateral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.dcap.CrlPolicy;
import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.DcapVerifier;
import dev.arca.dcap.pck.PckCaType;
import dev.arca.dcap.quote.TeeType;
import dev.arca.dcap.testpki.SyntheticPlatform;
import dev.arca.dcap.testpki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Collateral signed by a test PKI through every source and the collateral verifier: fetched from a fake PCS over
 * HTTP, read as a bundle file, and refused when its chains, signer or roots are wrong.
 */
class CollateralSyntheticTest {

    private static final SyntheticPlatform PLATFORM = SyntheticPlatform.create();
    private static final CollateralRequest TDX = new CollateralRequest(TeeType.TDX, PLATFORM.profile().fmspc(),
            PckCaType.PLATFORM);

    @TempDir
    Path dir;

    private FakePcsServer pcs;

    @BeforeEach
    void start() throws Exception {
        pcs = new FakePcsServer().serve(write("tdx.json", PLATFORM.tdxCollateral()))
                .serve(write("sgx.json", PLATFORM.sgxCollateral()));
    }

    @AfterEach
    void stop() {
        pcs.close();
    }

    private Path write(String name, RawCollateral collateral) throws Exception {
        return Files.writeString(dir.resolve(name), SyntheticPlatform.bundleJson(collateral));
    }

    @Test
    void collateralFetchedFromAPcsVerifiesTheQuotes() throws Exception {
        PcsCollateralSource source = new PcsCollateralSource(new PcsSettings(pcs.baseUrl(), Duration.ofSeconds(2),
                Duration.ofSeconds(5), null, 0));
        DcapVerifier verifier = DcapVerifier.forSource(source, CrlPolicy.REQUIRE, PLATFORM.pki().trustAnchor());

        assertThat(verifier.verifyTdx(PLATFORM.tdxV4().build(), Optional.empty(), Optional.empty(), Optional.empty(),
                TestPki.AT).tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(verifier.verifySgx(PLATFORM.sgxV3().build(), Optional.empty(), Optional.empty(), TestPki.AT)
                .tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(pcs.requests()).contains(
                "/tdx/certification/v4/tcb?fmspc=" + PLATFORM.profile().fmspc() + "&update=early",
                "/tdx/certification/v4/qe/identity?update=early",
                "/sgx/certification/v4/pckcrl?ca=platform&encoding=der",
                "/sgx/certification/v4/rootcacrl");
    }

    @Test
    void aBundleFileReadsBackToTheSameVerifiedCollateral() throws Exception {
        RawCollateral read = QuoteCollateralBundle.read(write("bundle.json", PLATFORM.tdxCollateral()));
        VerifiedCollateral verified = new CollateralVerifier(PLATFORM.pki().trustAnchor()).verify(TDX, read);
        verified.requireValidAt(TestPki.AT);
        assertThat(verified.root()).isEqualTo(PLATFORM.pki().root());
        assertThat(verified.rootCaCrlNumber()).isPresent();
        assertThat(verified.tcbInfo().fmspc()).isEqualTo(PLATFORM.profile().fmspc());
    }

    @Test
    void documentsSignedByAnythingButTheTcbSigningCertificateAreRefused() {
        // signed by the PCK CA's chain: a valid chain to the root, but not the TCB signing certificate
        var pck = PLATFORM.pck();
        SignedJson wrongSigner = TestPki.signCollateral(PLATFORM.tdxTcbInfo().json(), pck.key(),
                List.of(pck.leaf(), PLATFORM.pki().pckCa(PckCaType.PLATFORM), PLATFORM.pki().root()));
        assertThat(reason(PLATFORM.collateral(wrongSigner,
                PLATFORM.pki().signCollateral(PLATFORM.tdxQeIdentity().json()), PLATFORM.pckCrl(),
                PLATFORM.rootCaCrl()))).isEqualTo(Reason.COLLATERAL_INVALID);

        SignedJson noChain = TestPki.signCollateral(PLATFORM.tdxTcbInfo().json(),
                TestPki.keyPair().getPrivate(), List.of());
        assertThat(reason(PLATFORM.collateral(noChain,
                PLATFORM.pki().signCollateral(PLATFORM.tdxQeIdentity().json()), PLATFORM.pckCrl(),
                PLATFORM.rootCaCrl()))).isEqualTo(Reason.COLLATERAL_INVALID);
    }

    @Test
    void documentsUnderDifferentRootsAreRefusedEvenWhenBothArePinned() {
        SyntheticPlatform other = SyntheticPlatform.on(TestPki.create(), PLATFORM.profile());
        RawCollateral mixed = PLATFORM.collateral(PLATFORM.pki().signCollateral(PLATFORM.tdxTcbInfo().json()),
                other.pki().signCollateral(other.tdxQeIdentity().json()), PLATFORM.pckCrl(), PLATFORM.rootCaCrl());
        CollateralVerifier both = new CollateralVerifier(dev.arca.dcap.trust.IntelRootCa.pinnedTo(List.of(
                PLATFORM.pki().rootFingerprint(), other.pki().rootFingerprint())));
        assertThatThrownBy(() -> both.verify(TDX, mixed)).hasMessageContaining("different roots");
        RawCollateral crlElsewhere = new RawCollateral(
                PLATFORM.pki().signCollateral(PLATFORM.tdxTcbInfo().json()),
                PLATFORM.pki().signCollateral(PLATFORM.tdxQeIdentity().json()), other.pckCrl(),
                other.pki().pckCrlIssuerChain(PckCaType.PLATFORM), PLATFORM.rootCaCrl());
        assertThatThrownBy(() -> both.verify(TDX, crlElsewhere)).hasMessageContaining("different roots");
    }

    @Test
    void aRootCaCrlSignedByAnotherKeyIsRefused() {
        RawCollateral forgedCrl = PLATFORM.collateral(PLATFORM.pki().signCollateral(PLATFORM.tdxTcbInfo().json()),
                PLATFORM.pki().signCollateral(PLATFORM.tdxQeIdentity().json()), PLATFORM.pckCrl(),
                TestPki.create().rootCaCrl(SyntheticPlatform.CRL_THIS_UPDATE, SyntheticPlatform.CRL_NEXT_UPDATE));
        assertThat(reason(forgedCrl)).isEqualTo(Reason.COLLATERAL_INVALID);
    }

    private static Reason reason(RawCollateral collateral) {
        try {
            new CollateralVerifier(PLATFORM.pki().trustAnchor()).verify(TDX, collateral);
        } catch (DcapVerificationException e) {
            return e.reason();
        }
        throw new AssertionError("the collateral was accepted");
    }
}
