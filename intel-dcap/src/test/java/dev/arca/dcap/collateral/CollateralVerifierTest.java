package dev.arca.dcap.collateral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.dcap.CollateralExpiredException;
import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.Vectors;
import dev.arca.dcap.pck.PckCaType;
import dev.arca.dcap.quote.TeeType;
import dev.arca.dcap.trust.IntelRootCa;
import dev.arca.dcap.trust.ValidityWindow;
import dev.arca.model.testing.RealEvidence;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every collateral document of the real-evidence corpus (docs/testing.md) verifies, with its published dates. */
@RealEvidence
class CollateralVerifierTest {

    private final CollateralVerifier verifier = new CollateralVerifier(IntelRootCa.pinned());

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static ValidityWindow window(VerifiedCollateral collateral, String item) {
        return collateral.windows().stream().filter(w -> w.item().equals(item)).findFirst().orElseThrow();
    }

    @Test
    void phalaTdxBundleVerifiesWithItsWindows() throws Exception {
        VerifiedCollateral verified = verifier.verify(new CollateralRequest(TeeType.TDX, "b0c06f000000",
                PckCaType.PLATFORM), Vectors.bundle("phala_tdx_quote_collateral.json"));

        assertThat(verified.tcbInfo().fmspc()).isEqualTo("B0C06F000000");
        assertThat(window(verified, "TCB Info")).isEqualTo(new ValidityWindow("TCB Info",
                at("2025-06-19T10:16:03Z"), at("2025-07-19T10:16:03Z"), false));
        assertThat(window(verified, "QE Identity").notBefore()).isEqualTo(at("2025-06-19T10:32:27Z"));
        assertThat(window(verified, "PCK CRL").notAfter()).isEqualTo(at("2025-07-19T10:00:35Z"));
        assertThat(window(verified, "Root CA CRL").notAfter()).isEqualTo(at("2026-04-03T11:21:57Z"));
        // I2's window: [2025-06-19T10:32:27Z, 2025-07-19T10:00:35Z]
        assertThat(verified.expiresAt()).isEqualTo(at("2025-07-19T10:00:35Z"));
        verified.requireValidAt(at("2025-06-19T10:32:27Z"));
        verified.requireValidAt(at("2025-07-19T10:00:34Z"));
        assertThatThrownBy(() -> verified.requireValidAt(at("2025-07-19T10:00:35Z")))
                .isInstanceOf(CollateralExpiredException.class);
        assertThat(verified.pckCrl().orElseThrow().getRevokedCertificates()).hasSize(44);
        assertThat(verified.verifiedPckCrl()).isPresent();
    }

    @Test
    void phalaOutdatedAndSgxBundlesVerify() throws Exception {
        VerifiedCollateral outdated = verifier.verify(new CollateralRequest(TeeType.TDX, "90C06F000000",
                PckCaType.PLATFORM), Vectors.bundle("phala_tdx_quote_outdated_collateral.json"));
        assertThat(outdated.tcbInfo().tcbEvaluationDataNumber()).isEqualTo(18);
        assertThat(outdated.tcbInfo().tdxModuleIdentities()).extracting(TdxModuleIdentity::id)
                .containsExactly("TDX_03", "TDX_01");
        assertThat(outdated.pckCrl().orElseThrow().getRevokedCertificates()).hasSize(57);

        VerifiedCollateral sgx = verifier.verify(new CollateralRequest(TeeType.SGX, "00A067110000",
                PckCaType.PROCESSOR), Vectors.bundle("phala_sgx_quote_collateral.json"));
        assertThat(sgx.tcbInfo().id()).isEqualTo("SGX");
        assertThat(sgx.qeIdentity().id()).isEqualTo("QE");
        assertThat(sgx.pckCrl().orElseThrow().getRevokedCertificates()).isNull();
    }

    /** Every tcbInfo and QE Identity verifies with the one TCB signing key. */
    @Test
    void goTdxGuestAndTrusteeDocumentsVerify() throws Exception {
        VerifiedCollateral gotdx = verifier.verify(new CollateralRequest(TeeType.TDX, "50806F000000",
                PckCaType.PLATFORM), Vectors.gotdx2023("gotdx_tcb_signing_chain_2018-2025.pem")
                .fetch(new CollateralRequest(TeeType.TDX, "50806F000000", PckCaType.PLATFORM)));
        assertThat(window(gotdx, "TCB Info").notBefore()).isEqualTo(at("2023-06-18T08:42:58Z"));
        assertThat(window(gotdx, "QE Identity").notAfter()).isEqualTo(at("2023-07-08T07:24:59Z"));
        assertThat(window(gotdx, "PCK CRL").notBefore()).isEqualTo(at("2023-06-08T07:27:52Z"));
        assertThat(window(gotdx, "Root CA CRL").notAfter()).isEqualTo(at("2024-04-02T10:22:51Z"));
        assertThat(window(gotdx, "TCB Info signing certificate").notAfter()).isEqualTo(at("2025-05-21T10:50:10Z"));
        gotdx.requireValidAt(Vectors.I7_AT);

        VerifiedCollateral v5 = verifier.verify(new CollateralRequest(TeeType.TDX, "90C06F000000",
                PckCaType.PLATFORM), Vectors.i6().fetch(new CollateralRequest(TeeType.TDX, "90C06F000000",
                PckCaType.PLATFORM)));
        assertThat(window(v5, "TCB Info").notAfter()).isEqualTo(at("2026-03-03T14:49:26Z"));
        v5.requireValidAt(Vectors.I6_AT);

        VerifiedCollateral trustee = verifier.verify(new CollateralRequest(TeeType.TDX, "00A06D080000",
                PckCaType.PLATFORM), Vectors.i9().fetch(new CollateralRequest(TeeType.TDX, "00A06D080000",
                PckCaType.PLATFORM)));
        assertThat(window(trustee, "QE Identity").notAfter()).isEqualTo(at("2025-11-27T06:45:09Z"));
        trustee.requireValidAt(Vectors.I9_AT);
        assertThat(trustee.pckCrl()).isEmpty();
        assertThat(trustee.rootCaCrl()).isEmpty();
    }

    /** go-tdx-guest's 2023 collateral with the newer chain: the 2025–2032 certificate is not valid in 2023. */
    @Test
    void theReissuedSigningCertificateIsNotValidForThe2023Collateral() throws Exception {
        CollateralRequest request = new CollateralRequest(TeeType.TDX, "50806F000000", PckCaType.PLATFORM);
        VerifiedCollateral verified = verifier.verify(request,
                Vectors.gotdx2023("phala_tcb_signing_chain_2025-2032.pem").fetch(request));
        assertThatThrownBy(() -> verified.requireValidAt(Vectors.I7_AT))
                .hasMessageContaining("signing certificate is not yet valid")
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.COLLATERAL_INVALID);
    }

    @Test
    void aWrongSignatureIsRefused() throws Exception {
        RawCollateral bundle = Vectors.bundle("phala_tdx_quote_collateral.json");
        byte[] signature = bundle.qeIdentity().signature().clone();
        signature[3] ^= 1;
        RawCollateral forged = new RawCollateral(bundle.tcbInfo(), new SignedJson(bundle.qeIdentity().signedBytes(),
                signature, bundle.qeIdentity().issuerChain()), bundle.pckCrl(), bundle.pckCrlIssuerChain(),
                bundle.rootCaCrl());
        assertThatThrownBy(() -> verifier.verify(new CollateralRequest(TeeType.TDX, "B0C06F000000",
                PckCaType.PLATFORM), forged))
                .hasMessageContaining("QE Identity signature does not verify")
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.COLLATERAL_INVALID);
    }

    @Test
    void documentsMustBeSignedByTheTcbSigningCertificate() throws Exception {
        RawCollateral bundle = Vectors.bundle("phala_tdx_quote_collateral.json");
        // the PCK CRL issuer chain (Platform CA, root) is a valid chain, but not the TCB signing chain
        RawCollateral wrongSigner = new RawCollateral(new SignedJson(bundle.tcbInfo().signedBytes(),
                bundle.tcbInfo().signature(), bundle.pckCrlIssuerChain()), bundle.qeIdentity(), bundle.pckCrl(),
                bundle.pckCrlIssuerChain(), bundle.rootCaCrl());
        assertThatThrownBy(() -> verifier.verify(new CollateralRequest(TeeType.TDX, "B0C06F000000",
                PckCaType.PLATFORM), wrongSigner))
                .hasMessageContaining("not signed by Intel SGX TCB Signing");

        RawCollateral noChain = new RawCollateral(new SignedJson(bundle.tcbInfo().signedBytes(),
                bundle.tcbInfo().signature(), List.of()), bundle.qeIdentity(), null, List.of(), null);
        assertThatThrownBy(() -> verifier.verify(new CollateralRequest(TeeType.TDX, "B0C06F000000",
                PckCaType.PLATFORM), noChain))
                .hasMessageContaining("without an issuer chain");

        RawCollateral onlySigner = new RawCollateral(new SignedJson(bundle.tcbInfo().signedBytes(),
                bundle.tcbInfo().signature(), List.of(bundle.tcbInfo().issuerChain().getFirst())),
                bundle.qeIdentity(), null, List.of(), null);
        assertThatThrownBy(() -> verifier.verify(new CollateralRequest(TeeType.TDX, "B0C06F000000",
                PckCaType.PLATFORM), onlySigner))
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.COLLATERAL_INVALID);
    }

    @Test
    void aPckCrlOfTheOtherCaIsAMismatch() throws Exception {
        RawCollateral tdx = Vectors.bundle("phala_tdx_quote_collateral.json");
        RawCollateral sgx = Vectors.bundle("phala_sgx_quote_collateral.json");
        RawCollateral mixed = new RawCollateral(tdx.tcbInfo(), tdx.qeIdentity(), sgx.pckCrl(),
                sgx.pckCrlIssuerChain(), tdx.rootCaCrl());
        assertThatThrownBy(() -> verifier.verify(new CollateralRequest(TeeType.TDX, "B0C06F000000",
                PckCaType.PLATFORM), mixed))
                .hasMessageContaining("Processor CA")
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.COLLATERAL_MISMATCH);
    }

    @Test
    void aRootCrlSignedByAnotherKeyIsRefused() throws Exception {
        RawCollateral tdx = Vectors.bundle("phala_tdx_quote_collateral.json");
        // the PCK CRL names the Platform CA as issuer, not the root
        RawCollateral wrong = new RawCollateral(tdx.tcbInfo(), tdx.qeIdentity(), null, List.of(), tdx.pckCrl());
        assertThatThrownBy(() -> verifier.verify(new CollateralRequest(TeeType.TDX, "B0C06F000000",
                PckCaType.PLATFORM), wrong))
                .hasMessageContaining("Root CA CRL is issued by")
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.COLLATERAL_INVALID);
    }

    /** The raw member bytes are cut out of the response as served (Intel PCS API v4). */
    @Test
    void signedBytesAreTheRawMemberText() throws Exception {
        String body = new String(Vectors.bytes("intel-collateral/trustee_tcbInfo.json"), StandardCharsets.UTF_8);
        SignedJson signed = Vectors.tcbInfoResponse("trustee_tcbInfo.json", "phala_tcb_signing_chain_2025-2032.pem");
        String expected = body.substring(body.indexOf("{\"id\""), body.indexOf(",\"signature\""));
        assertThat(new String(signed.signedBytes(), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    /** Trustee asserts id, version, fmspc, pceId and attributesMask (collateral_service.rs). */
    @Test
    void parsesTrusteesTcbInfoAndEnclaveIdentity() throws Exception {
        TcbInfo info = CollateralParser.tcbInfo(Vectors.tcbInfoResponse("trustee_tcbInfo.json",
                "phala_tcb_signing_chain_2025-2032.pem").signedBytes());
        assertThat(info.id()).isEqualTo("TDX");
        assertThat(info.version()).isEqualTo(3);
        assertThat(info.fmspc()).isEqualTo("00A06D080000");
        assertThat(info.pceId()).isEqualTo("0000");
        assertThat(info.module().orElseThrow().attributesMask()).containsOnly((byte) 0xFF);
        assertThat(info.tcbLevels()).hasSize(2);
        assertThat(info.tcbLevels().get(1).status()).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(info.tcbLevels().get(0).tdxComponents()).startsWith(5, 0, 2);

        byte[] identityBody = Vectors.bytes("intel-collateral/trustee_enclaveIdentity.json");
        QeIdentity identity = CollateralParser.qeIdentity(SignedJson.fromResponse(identityBody,
                SignedJson.ENCLAVE_IDENTITY, List.of()).signedBytes());
        assertThat(identity.id()).isEqualTo("TD_QE");
        assertThat(identity.isvProdId()).isEqualTo(2);
        assertThat(identity.miscselectMask()).isEqualTo(0xFFFFFFFFL);
        assertThat(identity.tcbLevels()).singleElement().extracting(IdentityTcbLevel::isvSvn).isEqualTo(4);
    }

    @Test
    void malformedDocumentsAreCollateralInvalid() {
        assertThatThrownBy(() -> CollateralParser.tcbInfo("{\"version\":3}".getBytes()))
                .extracting(e -> ((DcapVerificationException) e).reason()).isEqualTo(Reason.COLLATERAL_INVALID);
        assertThatThrownBy(() -> CollateralParser.tcbInfo("not json".getBytes()))
                .extracting(e -> ((DcapVerificationException) e).reason()).isEqualTo(Reason.COLLATERAL_INVALID);
        assertThatThrownBy(() -> SignedJson.fromResponse("{\"tcbInfo\":{}}".getBytes(), SignedJson.TCB_INFO,
                List.of())).hasMessageContaining("lacks");
        assertThatThrownBy(() -> SignedJson.fromResponse("[1]".getBytes(), SignedJson.TCB_INFO, List.of()))
                .extracting(e -> ((DcapVerificationException) e).reason()).isEqualTo(Reason.COLLATERAL_INVALID);
        assertThatThrownBy(() -> SignedJson.of("{}".getBytes(), "abcd", List.of()))
                .hasMessageContaining("expected 64");
    }
}
