package dev.arca.dcap;

import dev.arca.dcap.collateral.OfflineCollateralSource;
import dev.arca.dcap.collateral.QuoteCollateralBundle;
import dev.arca.dcap.collateral.RawCollateral;
import dev.arca.dcap.collateral.SignedJson;
import dev.arca.model.testing.Corpus;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The Intel part of the real-evidence {@link Corpus} kept outside the repository (docs/testing.md), found and read in
 * place by {@link Corpus}: pinned instants inside each collateral's validity window and the collateral sources of the
 * verification cases. Classes that read it are marked {@link dev.arca.model.testing.RealEvidence} and are skipped
 * when it is absent.
 */
public final class Vectors {

    // pinned instants inside each collateral's validity window
    public static final Instant I1_AT = Instant.parse("2025-07-01T00:00:00Z");
    public static final Instant I2_AT = Instant.parse("2025-07-01T00:00:00Z");
    public static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
    public static final Instant I3_AT = Instant.parse("2026-03-01T00:00:00Z");
    public static final Instant I6_AT = Instant.parse("2026-02-20T00:00:00Z");
    public static final Instant I7_AT = Instant.parse("2023-07-01T01:00:00Z");
    public static final Instant I9_AT = Instant.parse("2025-11-01T00:00:00Z");

    private Vectors() {
    }

    public static Path path(String relative) {
        return Corpus.path(relative);
    }

    public static byte[] bytes(String relative) {
        return Corpus.bytes(relative);
    }

    public static RawCollateral bundle(String name) throws DcapVerificationException {
        return QuoteCollateralBundle.read(path("intel-collateral/" + name));
    }

    /** Cases I7/I8: go-tdx-guest's 2023 collateral with the 2018–2025 TCB signing chain and both CRLs. */
    public static OfflineCollateralSource gotdx2023(String signingChain) throws DcapVerificationException {
        Path chain = path("intel-collateral/" + signingChain);
        return OfflineCollateralSource.builder()
                .tcbInfoResponse(path("intel-collateral/gotdx_sample_tcbInfo_response.json"), chain)
                .qeIdentityResponse(path("intel-collateral/gotdx_sample_qeIdentity_response.json"), chain)
                .pckCrl(path("intel-collateral/gotdx_pckcrl_platform.der"))
                .rootCaCrl(path("intel-collateral/gotdx_rootcrl.der"))
                .build();
    }

    /** Case I6: go-tdx-guest's v5 TCB Info, the TD_QE identity of the outdated phala bundle, 2025–2032 chain. */
    public static OfflineCollateralSource i6() throws DcapVerificationException {
        RawCollateral outdated = bundle("phala_tdx_quote_outdated_collateral.json");
        return OfflineCollateralSource.builder()
                .tcbInfoResponse(path("intel-collateral/gotdx_sample_tcbinfo_response_v5.json"),
                        path("intel-collateral/phala_tcb_signing_chain_2025-2032.pem"))
                .qeIdentity(outdated.qeIdentity())
                .build();
    }

    /** Case I9: trustee's TCB Info and enclave identity with the 2025–2032 chain; the corpus has no matching CRLs. */
    public static OfflineCollateralSource i9() throws DcapVerificationException {
        Path chain = path("intel-collateral/phala_tcb_signing_chain_2025-2032.pem");
        return OfflineCollateralSource.builder()
                .tcbInfoResponse(path("intel-collateral/trustee_tcbInfo.json"), chain)
                .qeIdentityResponse(path("intel-collateral/trustee_enclaveIdentity.json"), chain)
                .build();
    }

    public static SignedJson tcbInfoResponse(String name, String chain) throws DcapVerificationException {
        try {
            return SignedJson.fromResponse(bytes("intel-collateral/" + name), SignedJson.TCB_INFO,
                    dev.arca.dcap.pck.PemCertificates.parse(bytes("intel-collateral/" + chain)));
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }
}
