package dev.arca.dcap.collateral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.Vectors;
import dev.arca.dcap.pck.PckCaType;
import dev.arca.dcap.quote.TeeType;
import dev.arca.model.testing.Corpus;
import dev.arca.model.testing.RealEvidence;
import org.junit.jupiter.api.Test;

/** The file-based source indexes documents by what they are and serves the newest match. */
@RealEvidence
class OfflineCollateralSourceTest {

    @Test
    void servesDocumentsByTeeFmspcAndCaType() throws Exception {
        OfflineCollateralSource source = OfflineCollateralSource.builder()
                .bundle(Vectors.bundle("phala_tdx_quote_collateral.json"))
                .bundle(Vectors.bundle("phala_sgx_quote_collateral.json"))
                .bundle(Vectors.bundle("phala_tdx_quote_outdated_collateral.json"))
                .tcbInfoResponse(Vectors.path("intel-collateral/gotdx_sample_tcbinfo_response_v5.json"),
                        Vectors.path("intel-collateral/phala_tcb_signing_chain_2025-2032.pem"))
                .build();

        RawCollateral tdx = source.fetch(new CollateralRequest(TeeType.TDX, "b0c06f000000", PckCaType.PLATFORM));
        assertThat(CollateralParser.tcbInfo(tdx.tcbInfo().signedBytes()).fmspc()).isEqualTo("B0C06F000000");
        assertThat(CollateralParser.qeIdentity(tdx.qeIdentity().signedBytes()).id()).isEqualTo("TD_QE");

        // two TCB Infos for 90C06F: the newer (2026-02-18) beats go-tdx-guest's (2026-02-01)
        RawCollateral newer = source.fetch(new CollateralRequest(TeeType.TDX, "90C06F000000", PckCaType.PLATFORM));
        assertThat(CollateralParser.tcbInfo(newer.tcbInfo().signedBytes()).issueDate())
                .hasToString("2026-02-18T10:58:51Z");
        // and the newer TD_QE identity and Platform CRL
        assertThat(CollateralParser.qeIdentity(newer.qeIdentity().signedBytes()).issueDate())
                .hasToString("2026-02-18T10:42:15Z");

        RawCollateral sgx = source.fetch(new CollateralRequest(TeeType.SGX, "00a067110000", PckCaType.PROCESSOR));
        assertThat(CollateralParser.qeIdentity(sgx.qeIdentity().signedBytes()).id()).isEqualTo("QE");
        assertThat(sgx.pckCrlBytes()).isPresent();
        assertThat(sgx.rootCaCrlBytes()).isPresent();
    }

    @Test
    void anUnknownPlatformIsUnavailable() throws Exception {
        OfflineCollateralSource source = OfflineCollateralSource.builder()
                .bundle(Vectors.bundle("phala_tdx_quote_collateral.json"))
                .build();
        assertThatThrownBy(() -> source.fetch(new CollateralRequest(TeeType.TDX, "00806F050000", PckCaType.PLATFORM)))
                .hasMessageContaining("00806F050000")
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.COLLATERAL_UNAVAILABLE);
        assertThatThrownBy(() -> source.fetch(new CollateralRequest(TeeType.SGX, "B0C06F000000", PckCaType.PLATFORM)))
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.COLLATERAL_UNAVAILABLE);
    }

    @Test
    void refusesFilesThatAreNotCollateral() {
        assertThatThrownBy(() -> OfflineCollateralSource.builder().pckCrl(Vectors.path("tdx/trustee_tdx_quote_4.dat")))
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.COLLATERAL_INVALID);
        assertThatThrownBy(() -> OfflineCollateralSource.builder().pckCrl(Vectors.path("intel-collateral/gotdx_rootcrl.der")))
                .hasMessageContaining("not a PCK CA");
        assertThatThrownBy(() -> OfflineCollateralSource.builder().pckCrl(Corpus.location().orElseThrow().resolve("no-such-file")))
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.COLLATERAL_UNAVAILABLE);
    }
}
