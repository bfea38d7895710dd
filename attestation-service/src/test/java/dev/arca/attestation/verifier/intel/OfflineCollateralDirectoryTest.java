package dev.arca.attestation.verifier.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.attestation.collateral.CollateralProperties;
import dev.arca.attestation.collateral.CollateralProviders;
import dev.arca.attestation.support.IntelVectors;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.VerificationException.Failure;
import dev.arca.dcap.CrlPolicy;
import dev.arca.model.testing.RealEvidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * the {@code intel} folder of {@code arca.as.collateral.offline-dir}: a directory of PCS responses, DER CRLs and collateral bundles is read
 * into intel-dcap's offline source, verified like downloads, and re-read when its files change.
 */
@RealEvidence
class OfflineCollateralDirectoryTest {

    @TempDir
    Path offlineDir;

    /** The Intel folder of {@code arca.as.collateral.offline-dir}. */
    private Path dir;

    private CollateralProviders providers;

    @BeforeEach
    void intelFolder() throws java.io.IOException {
        dir = Files.createDirectories(offlineDir.resolve("intel"));
    }

    @AfterEach
    void close() {
        if (providers != null) {
            providers.close();
        }
    }

    /** @param checkInterval how often the directory is checked for changes (the collateral refresh interval) */
    private IntelDcap dcap(Duration checkInterval) {
        providers = IntelTestWiring.providers(IntelTestWiring.collateral(offlineDir, Duration.ofMinutes(1)), null,
                Clock.systemUTC());
        return IntelTestWiring.dcap(IntelTestWiring.intel(null, CrlPolicy.REQUIRE),
                IntelTestWiring.collateral(offlineDir, checkInterval), providers);
    }

    @Test
    void pcsResponsesWithTheirIssuerChainAndDerCrlsVerifyCaseI8() throws Exception {
        // go-tdx-guest's 2023 collateral, both CRLs, the 2018–2025 signing chain
        IntelVectors.copyInto(dir,
                "intel-collateral/gotdx_sample_tcbInfo_response.json", "tcbinfo-50806f000000.json",
                "intel-collateral/gotdx_sample_qeIdentity_response.json", "td-qe-identity.json",
                "intel-collateral/gotdx_tcb_signing_chain_2018-2025.pem", OfflineCollateralDirectory.SHARED_CHAIN,
                "intel-collateral/gotdx_pckcrl_platform.der", "pck-platform.der",
                "intel-collateral/gotdx_rootcrl.der", "root-ca.crl");
        Files.writeString(dir.resolve("README.txt"), "captured 2023-07-01; ignored by the AS");

        ObjectNode claims = dcap(Duration.ofMinutes(1)).verifyTdx(IntelVectors.bytes("tdx/trustee_tdx_quote_4.dat"),
                Optional.empty(), Optional.empty(), Optional.empty(), IntelVectors.I8_AT);

        assertThat(claims.path("tcb_status").asString()).isEqualTo("UpToDate");
        assertThat(claims.at("/td_attributes/debug").asBoolean()).as("I8 is a debug TD").isTrue();
        assertThat(claims.has("pck_crl_num")).as("the PCK CRL was checked").isTrue();
    }

    @Test
    void aPcsResponseWithoutItsIssuerChainStopsTheService() {
        IntelVectors.copyInto(dir, "intel-collateral/gotdx_sample_tcbInfo_response.json", "tcbinfo.json");

        assertThatThrownBy(() -> dcap(Duration.ofMinutes(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tcbinfo.json").hasMessageContaining("tcbinfo.chain.pem")
                .hasMessageContaining(OfflineCollateralDirectory.SHARED_CHAIN);
    }

    @Test
    void aFileThatIsNotCollateralStopsTheService() throws Exception {
        Files.writeString(dir.resolve("notes.json"), "{\"hello\": 1}");

        assertThatThrownBy(() -> dcap(Duration.ofMinutes(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("notes.json").hasMessageContaining("neither a collateral bundle");
    }

    @Test
    void filesAddedLaterAreReadAndBrokenOnesDoNotReplaceGoodDocuments() throws Exception {
        IntelVectors.copyInto(dir, IntelVectors.TDX_COLLATERAL, "tdx.json");
        IntelDcap dcap = dcap(Duration.ZERO);
        byte[] sgx = IntelVectors.bytes(IntelVectors.SGX_QUOTE);

        assertThatThrownBy(() -> dcap.verifySgx(sgx, Optional.empty(), Optional.empty(), IntelVectors.I1_AT))
                .isInstanceOf(VerificationException.class)
                .satisfies(e -> assertThat(((VerificationException) e).failure())
                        .isEqualTo(Failure.COLLATERAL_UNAVAILABLE))
                .hasMessageContaining("00A067110000");

        IntelVectors.copyInto(dir, IntelVectors.SGX_COLLATERAL, "sgx.json");
        assertThat(dcap.verifySgx(sgx, Optional.empty(), Optional.empty(), IntelVectors.I1_AT)
                .path("tcb_status").asString()).isEqualTo("ConfigurationAndSWHardeningNeeded");

        Files.writeString(dir.resolve("broken.json"), "{\"tcb_info\": 1");
        assertThat(dcap.verifyTdx(IntelVectors.bytes(IntelVectors.TDX_QUOTE), Optional.empty(), Optional.empty(),
                Optional.empty(), IntelVectors.I2_AT).path("tcb_status").asString()).isEqualTo("UpToDate");
        assertThat(dcap.verifySgx(sgx, Optional.empty(), Optional.empty(), IntelVectors.I1_AT)
                .path("tcb_status").asString()).isEqualTo("ConfigurationAndSWHardeningNeeded");
    }

    @Test
    void withoutCrlsACheckIfPresentPolicyStillVerifiesArchivedEvidence() throws Exception {
        // case I9: trustee's TCB Info and QE Identity, no time-matched CRLs in the corpus
        IntelVectors.copyInto(dir,
                "intel-collateral/trustee_tcbInfo.json", "tcbinfo.json",
                "intel-collateral/trustee_enclaveIdentity.json", "qe.json",
                "intel-collateral/phala_tcb_signing_chain_2025-2032.pem", OfflineCollateralDirectory.SHARED_CHAIN);
        byte[] quote = IntelVectors.bytes("tdx/trustee_tdx_quote_6.dat");
        CollateralProperties collateral = IntelTestWiring.collateral(offlineDir, Duration.ofMinutes(1));
        providers = IntelTestWiring.providers(collateral, null, Clock.systemUTC());
        IntelDcap lenient = IntelTestWiring.dcap(IntelTestWiring.intel(null, CrlPolicy.CHECK_IF_PRESENT),
                collateral, providers);
        IntelDcap strict = IntelTestWiring.dcap(IntelTestWiring.intel(null, CrlPolicy.REQUIRE), collateral,
                providers);

        assertThat(lenient.verifyTdx(quote, Optional.empty(), Optional.empty(), Optional.empty(),
                IntelVectors.I9_AT).path("tcb_status").asString()).isEqualTo("OutOfDate");
        assertThatThrownBy(() -> strict.verifyTdx(quote, Optional.empty(), Optional.empty(), Optional.empty(),
                IntelVectors.I9_AT)).hasMessageContaining("CRL")
                .satisfies(e -> assertThat(((VerificationException) e).failure())
                        .isEqualTo(Failure.COLLATERAL_UNAVAILABLE));
    }
}
