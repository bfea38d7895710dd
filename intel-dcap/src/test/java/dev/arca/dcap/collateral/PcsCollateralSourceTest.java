package dev.arca.dcap.collateral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.DcapVerificationResult;
import dev.arca.dcap.DcapVerifier;
import dev.arca.dcap.Vectors;
import dev.arca.dcap.pck.PckCaType;
import dev.arca.dcap.quote.TeeType;
import dev.arca.model.testing.RealEvidence;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP PCS/PCCS source against {@link FakePcsServer} (real HTTP; the fake stands in for Intel's PCS). */
@RealEvidence
class PcsCollateralSourceTest {

    private FakePcsServer pcs;

    @BeforeEach
    void start() throws Exception {
        pcs = new FakePcsServer()
                .serve(Vectors.path("intel-collateral/phala_tdx_quote_collateral.json"))
                .serve(Vectors.path("intel-collateral/phala_sgx_quote_collateral.json"));
    }

    @AfterEach
    void stop() {
        pcs.close();
    }

    private PcsCollateralSource source(Duration readTimeout) {
        return new PcsCollateralSource(new PcsSettings(pcs.baseUrl(), Duration.ofSeconds(2), readTimeout, null, 0));
    }

    @Test
    void verifiesTheTdxCaseWithCollateralFetchedOverHttp() throws Exception {
        DcapVerificationResult result = DcapVerifier.forSource(source(Duration.ofSeconds(5)))
                .verifyTdx(Vectors.bytes("tdx/phala_tdx_quote"), Optional.empty(), Optional.empty(), Optional.empty(),
                        Vectors.I2_AT);

        assertThat(result.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
        // the paths of Intel PCS API v4; FMSPC upper-case; a PCCS serves the Root CA CRL itself
        assertThat(pcs.requests()).containsExactly(
                "/tdx/certification/v4/tcb?fmspc=B0C06F000000&update=early",
                "/tdx/certification/v4/qe/identity?update=early",
                "/sgx/certification/v4/pckcrl?ca=platform&encoding=der",
                "/sgx/certification/v4/rootcacrl");
    }

    @Test
    void verifiesTheSgxCaseWithTheProcessorCrl() throws Exception {
        DcapVerificationResult result = DcapVerifier.forSource(source(Duration.ofSeconds(5)))
                .verifySgx(Vectors.bytes("sgx/phala_sgx_quote"), Optional.empty(), Optional.empty(), Vectors.I1_AT);

        assertThat(result.tcbStatus()).isEqualTo(TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED);
        assertThat(pcs.requests()).contains("/sgx/certification/v4/tcb?fmspc=00A067110000&update=early",
                "/sgx/certification/v4/qe/identity?update=early",
                "/sgx/certification/v4/pckcrl?ca=processor&encoding=der");
    }

    /** Only scheme, host and port of the base URL count (Trustee tdx verifier). */
    @Test
    void ignoresThePathOfTheBaseUrl() throws Exception {
        PcsCollateralSource source = new PcsCollateralSource(PcsSettings.defaults(
                URI.create(pcs.baseUrl() + "/sgx/certification/v4/")));
        RawCollateral raw = source.fetch(new CollateralRequest(TeeType.TDX, "B0C06F000000", PckCaType.PLATFORM));
        assertThat(raw.tcbInfo().issuerChain()).hasSize(2);
        assertThat(raw.pckCrlIssuerChain()).hasSize(2);
    }

    @Test
    void acceptsFormEncodedIssuerChains() throws Exception {
        pcs.useFormEncoding();
        RawCollateral raw = source(Duration.ofSeconds(5))
                .fetch(new CollateralRequest(TeeType.TDX, "B0C06F000000", PckCaType.PLATFORM));
        new CollateralVerifier(dev.arca.dcap.trust.IntelRootCa.pinned())
                .verify(new CollateralRequest(TeeType.TDX, "B0C06F000000", PckCaType.PLATFORM), raw)
                .requireValidAt(Vectors.I2_AT);
    }

    @Test
    void anUnknownFmspcIsUnavailable() {
        assertThatThrownBy(() -> source(Duration.ofSeconds(5))
                .fetch(new CollateralRequest(TeeType.TDX, "00A06D080000", PckCaType.PLATFORM)))
                .hasMessageContaining("HTTP 404")
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.COLLATERAL_UNAVAILABLE);
    }

    @Test
    void aMissingIssuerChainHeaderIsInvalidCollateral() {
        pcs.omitChainHeaders();
        assertThatThrownBy(() -> source(Duration.ofSeconds(5))
                .fetch(new CollateralRequest(TeeType.TDX, "B0C06F000000", PckCaType.PLATFORM)))
                .hasMessageContaining("TCB-Info-Issuer-Chain")
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.COLLATERAL_INVALID);
    }

    @Test
    void aSlowServerHitsTheReadTimeout() {
        pcs.delay(Duration.ofSeconds(3));
        long start = System.nanoTime();
        assertThatThrownBy(() -> source(Duration.ofMillis(300))
                .fetch(new CollateralRequest(TeeType.TDX, "B0C06F000000", PckCaType.PLATFORM)))
                .hasMessageContaining("HttpTimeoutException")
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.COLLATERAL_UNAVAILABLE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void anUnreachableServerIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PcsCollateralSource source = new PcsCollateralSource(PcsSettings.defaults(
                URI.create("http://127.0.0.1:" + closedPort)));
        assertThatThrownBy(() -> source.fetch(new CollateralRequest(TeeType.TDX, "B0C06F000000", PckCaType.PLATFORM)))
                .hasMessageContaining("unreachable")
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.COLLATERAL_UNAVAILABLE);
    }

    /** From Intel's PCS the Root CA CRL comes from the root certificate's CRL distribution point. */
    @Test
    void theRootCaNamesItsCrlDistributionPoint() throws Exception {
        java.security.cert.X509Certificate root = Vectors.bundle("phala_tdx_quote_collateral.json").tcbInfo()
                .issuerChain().getLast();
        assertThat(PcsCollateralSource.distributionPoint(root))
                .contains(URI.create("https://certificates.trustedservices.intel.com/IntelSGXRootCA.der"));
        assertThat(PcsSettings.defaults(null).isIntelPcs()).isTrue();
        assertThat(PcsSettings.defaults(pcs.baseUrl()).isIntelPcs()).isFalse();
    }

    @Test
    void settingsHaveDefaultsAndRefuseNonsense() {
        PcsSettings defaults = new PcsSettings(null, null, null, null, 0);
        assertThat(defaults.baseUrl()).isEqualTo(PcsSettings.INTEL_PCS);
        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.updateType()).isEqualTo("early");
        assertThatThrownBy(() -> new PcsSettings(null, null, null, "late", 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PcsSettings(null, Duration.ZERO, null, null, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
