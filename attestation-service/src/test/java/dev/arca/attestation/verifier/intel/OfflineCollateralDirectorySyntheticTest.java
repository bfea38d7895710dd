package dev.arca.attestation.verifier.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.attestation.collateral.CollateralProperties;
import dev.arca.attestation.collateral.CollateralProviders;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.VerificationException.Failure;
import dev.arca.dcap.CrlPolicy;
import dev.arca.dcap.collateral.SignedJson;
import dev.arca.dcap.testpki.PckProfile;
import dev.arca.dcap.testpki.SyntheticPlatform;
import dev.arca.dcap.testpki.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * the {@code intel} folder of {@code arca.as.collateral.offline-dir} with files written from a test PKI, in every format the directory reads:
 * PCS response bodies with a shared issuer chain, DER CRLs, collateral bundles; what stops the service, what is
 * picked up later, and CRL policies. The AS pins the test root.
 */
class OfflineCollateralDirectorySyntheticTest {

    private static final SyntheticPlatform PLATFORM = SyntheticPlatform.create();

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

    private IntelDcap dcap(Duration checkInterval, CrlPolicy crlPolicy) {
        providers = IntelTestWiring.providers(IntelTestWiring.collateral(offlineDir, Duration.ofMinutes(1)), null,
                Clock.systemUTC());
        return IntelTestWiring.dcap(IntelTestWiring.intel(null, crlPolicy, PLATFORM.pki().rootFingerprint()),
                IntelTestWiring.collateral(offlineDir, checkInterval), providers);
    }

    /** A PCS response body: {@code {"<member>": <signed bytes>, "signature": "<hex r‖s>"}}. */
    private static String pcsResponse(String member, SignedJson signed) {
        return "{\"" + member + "\":" + new String(signed.signedBytes(), StandardCharsets.UTF_8)
                + ",\"signature\":\"" + HexFormat.of().formatHex(signed.signature()) + "\"}";
    }

    private void writePcsResponses() throws Exception {
        Files.writeString(dir.resolve("tcbinfo.json"), pcsResponse(SignedJson.TCB_INFO,
                PLATFORM.pki().signCollateral(PLATFORM.tdxTcbInfo().json())));
        Files.writeString(dir.resolve("td-qe-identity.json"), pcsResponse(SignedJson.ENCLAVE_IDENTITY,
                PLATFORM.pki().signCollateral(PLATFORM.tdxQeIdentity().json())));
        Files.writeString(dir.resolve(OfflineCollateralDirectory.SHARED_CHAIN),
                TestPki.pem(PLATFORM.pki().tcbSigningChain()));
    }

    private static String tcbStatus(ObjectNode claims) {
        return claims.path("tcb_status").asString();
    }

    @Test
    void pcsResponsesWithTheirIssuerChainAndDerCrlsVerifyAQuote() throws Exception {
        writePcsResponses();
        Files.write(dir.resolve("pck-platform.der"), PLATFORM.pckCrl());
        Files.write(dir.resolve("root-ca.crl"), PLATFORM.rootCaCrl());
        Files.writeString(dir.resolve("README.txt"), "written by the test; ignored by the AS");

        ObjectNode claims = dcap(Duration.ofMinutes(1), CrlPolicy.REQUIRE).verifyTdx(
                PLATFORM.tdxV4().debugTd(true).build(), Optional.empty(), Optional.empty(), Optional.empty(),
                TestPki.AT);

        assertThat(tcbStatus(claims)).isEqualTo("UpToDate");
        assertThat(claims.at("/td_attributes/debug").asBoolean()).isTrue();
        assertThat(claims.has("pck_crl_num")).as("the PCK CRL was checked").isTrue();
    }

    @Test
    void aPcsResponseWithoutItsIssuerChainStopsTheService() throws Exception {
        Files.writeString(dir.resolve("tcbinfo.json"), pcsResponse(SignedJson.TCB_INFO,
                PLATFORM.pki().signCollateral(PLATFORM.tdxTcbInfo().json())));

        assertThatThrownBy(() -> dcap(Duration.ofMinutes(1), CrlPolicy.REQUIRE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tcbinfo.json").hasMessageContaining("tcbinfo.chain.pem")
                .hasMessageContaining(OfflineCollateralDirectory.SHARED_CHAIN);
    }

    @Test
    void filesAddedLaterAreReadAndBrokenOnesDoNotReplaceGoodDocuments() throws Exception {
        Files.writeString(dir.resolve("tdx.json"), SyntheticPlatform.bundleJson(PLATFORM.tdxCollateral()));
        IntelDcap dcap = dcap(Duration.ZERO, CrlPolicy.REQUIRE);
        byte[] sgx = PLATFORM.sgxV3().build();

        assertThatThrownBy(() -> dcap.verifySgx(sgx, Optional.empty(), Optional.empty(), TestPki.AT))
                .isInstanceOf(VerificationException.class)
                .satisfies(e -> assertThat(((VerificationException) e).failure())
                        .isEqualTo(Failure.COLLATERAL_UNAVAILABLE))
                .hasMessageContaining(PLATFORM.profile().fmspc());

        Files.writeString(dir.resolve("sgx.json"), SyntheticPlatform.bundleJson(PLATFORM.sgxCollateral()));
        assertThat(tcbStatus(dcap.verifySgx(sgx, Optional.empty(), Optional.empty(), TestPki.AT)))
                .isEqualTo("UpToDate");

        Files.writeString(dir.resolve("broken.json"), "{\"tcb_info\": 1");
        assertThat(tcbStatus(dcap.verifyTdx(PLATFORM.tdxV4().build(), Optional.empty(), Optional.empty(),
                Optional.empty(), TestPki.AT))).isEqualTo("UpToDate");
        assertThat(tcbStatus(dcap.verifySgx(sgx, Optional.empty(), Optional.empty(), TestPki.AT)))
                .isEqualTo("UpToDate");
    }

    @Test
    void withoutCrlsACheckIfPresentPolicyStillVerifiesArchivedEvidence() throws Exception {
        writePcsResponses();
        SyntheticPlatform outdated = PLATFORM.withPck(PckProfile.platform().withAllSgxComponents(2));
        byte[] svn = new byte[16];
        java.util.Arrays.fill(svn, (byte) 2);
        svn[0] = 3;
        svn[1] = 1;
        byte[] quote = outdated.tdxV4().teeTcbSvn(svn).build();
        CollateralProperties collateral = IntelTestWiring.collateral(offlineDir, Duration.ofMinutes(1));
        providers = IntelTestWiring.providers(collateral, null, Clock.systemUTC());
        String root = PLATFORM.pki().rootFingerprint();
        IntelDcap lenient = IntelTestWiring.dcap(IntelTestWiring.intel(null, CrlPolicy.CHECK_IF_PRESENT, root),
                collateral, providers);
        IntelDcap strict = IntelTestWiring.dcap(IntelTestWiring.intel(null, CrlPolicy.REQUIRE, root),
                collateral, providers);

        assertThat(tcbStatus(lenient.verifyTdx(quote, Optional.empty(), Optional.empty(), Optional.empty(),
                TestPki.AT))).isEqualTo("OutOfDate");
        assertThatThrownBy(() -> strict.verifyTdx(quote, Optional.empty(), Optional.empty(), Optional.empty(),
                TestPki.AT)).hasMessageContaining("CRL")
                .satisfies(e -> assertThat(((VerificationException) e).failure())
                        .isEqualTo(Failure.COLLATERAL_UNAVAILABLE));
    }

    /** Intel's pin (the production default) refuses collateral and quotes under the test root. */
    @Test
    void theProductionPinRefusesTheTestPki() throws Exception {
        Files.writeString(dir.resolve("tdx.json"), SyntheticPlatform.bundleJson(PLATFORM.tdxCollateral()));
        providers = IntelTestWiring.providers(IntelTestWiring.collateral(offlineDir, Duration.ofMinutes(1)), null,
                Clock.systemUTC());
        IntelDcap production = IntelTestWiring.dcap(IntelTestWiring.intel(null, CrlPolicy.REQUIRE),
                IntelTestWiring.collateral(offlineDir, Duration.ofMinutes(1)), providers);

        assertThatThrownBy(() -> production.verifyTdx(PLATFORM.tdxV4().build(), Optional.empty(), Optional.empty(),
                Optional.empty(), TestPki.AT)).isInstanceOf(VerificationException.class)
                .hasMessageContaining("not a trusted root");
    }

    /** An offline site for other vendors' TEEs needs no Intel folder; Intel evidence waits until it is filled. */
    @Test
    void withoutAnIntelFolderIntelCollateralIsUnavailableUntilTheFolderIsFilled() throws Exception {
        Files.delete(dir);
        IntelDcap dcap = dcap(Duration.ZERO, CrlPolicy.REQUIRE);
        byte[] quote = PLATFORM.tdxV4().build();

        assertThatThrownBy(() -> dcap.verifyTdx(quote, Optional.empty(), Optional.empty(), Optional.empty(),
                TestPki.AT)).isInstanceOf(VerificationException.class)
                .satisfies(e -> assertThat(((VerificationException) e).failure())
                        .isEqualTo(Failure.COLLATERAL_UNAVAILABLE));

        Files.createDirectories(dir);
        Files.writeString(dir.resolve("tdx.json"), SyntheticPlatform.bundleJson(PLATFORM.tdxCollateral()));
        assertThat(tcbStatus(dcap.verifyTdx(quote, Optional.empty(), Optional.empty(), Optional.empty(),
                TestPki.AT))).isEqualTo("UpToDate");
    }
}
