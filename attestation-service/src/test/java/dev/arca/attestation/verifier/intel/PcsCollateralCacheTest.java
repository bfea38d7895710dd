package dev.arca.attestation.verifier.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.attestation.TestDatabase;
import dev.arca.attestation.collateral.CollateralProperties;
import dev.arca.attestation.collateral.CollateralProviders;
import dev.arca.attestation.collateral.CollateralStore;
import dev.arca.attestation.support.FakeIntelPcs;
import dev.arca.attestation.support.MutableClock;
import dev.arca.attestation.verifier.VerificationException.Failure;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.dcap.CrlPolicy;
import dev.arca.dcap.collateral.QuoteCollateralBundle;
import dev.arca.dcap.testpki.SyntheticPlatform;
import dev.arca.dcap.testpki.TestPki;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Intel collateral through the AS collateral framework: fetched from a PCS (here {@link FakeIntelPcs}, a fake of
 * Intel's service serving collateral signed by a test PKI over real HTTP, for a quote of a synthetic platform under
 * the same PKI; the verifier pins the test root), stored in a real H2 database migrated by
 * the service's Flyway scripts, and read back from it by a restarted service instead of asking the PCS again; in
 * offline mode the bundle stored in the database is a file of the Intel folder, and the PCS is not asked.
 */
class PcsCollateralCacheTest {

    private static final SyntheticPlatform PLATFORM = SyntheticPlatform.create();
    private static final byte[] TDX_QUOTE = PLATFORM.tdxV4().build();
    private static final String TDX_KEY = "tdx-" + PLATFORM.profile().fmspc() + "-platform-early";
    /** Inside the synthetic collateral's window (2026-01-01 to 2030-01-01). */
    private static final Instant AT = TestPki.AT;

    @TempDir
    Path dir;

    private FakeIntelPcs pcs;
    private CollateralStore store;
    private final MutableClock clock = new MutableClock();
    private final List<CollateralProviders> started = new ArrayList<>();

    @BeforeEach
    void setUp() {
        pcs = FakeIntelPcs.start().serve(bundleFile());
        DataSource db = TestDatabase.migrated();
        store = new CollateralStore(JdbcClient.create(db));
        // the service's clock inside the collateral's window, so the cached copy is not due
        clock.fix(AT);
    }

    /** The synthetic TDX collateral as a dcap-qvl bundle file. */
    private Path bundleFile() {
        try {
            return Files.writeString(dir.resolve("tdx-bundle.json"),
                    SyntheticPlatform.bundleJson(PLATFORM.tdxCollateral()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void tearDown() {
        started.forEach(CollateralProviders::close);
        pcs.close();
    }

    /**
     * A fresh service instance: new providers (empty memory) over the same database, whose Intel verification looks
     * for refreshed collateral before every quote (the service does so once per refresh interval).
     */
    private IntelDcap start(URI pcsUrl, Path offlineDir) {
        CollateralProperties collateral = IntelTestWiring.collateral(offlineDir, Duration.ofHours(1));
        CollateralProviders providers = IntelTestWiring.providers(collateral, store, clock);
        started.add(providers);
        return IntelTestWiring.dcap(IntelTestWiring.intel(pcsUrl, CrlPolicy.REQUIRE, PLATFORM.pki().rootFingerprint()),
                IntelTestWiring.collateral(offlineDir, Duration.ZERO), providers);
    }

    private static String tcbStatus(IntelDcap dcap) throws VerificationException {
        return dcap.verifyTdx(TDX_QUOTE, Optional.empty(), Optional.empty(), Optional.empty(), AT)
                .path("tcb_status").asString();
    }

    @Test
    void collateralIsFetchedFromThePcsOnceAndARestartedServiceReadsItFromTheDatabase() throws Exception {
        IntelDcap first = start(pcs.baseUrl(), null);

        assertThat(tcbStatus(first)).isEqualTo("UpToDate");
        assertThat(pcs.requests()).containsExactlyInAnyOrder(
                "/tdx/certification/v4/tcb?fmspc=" + PLATFORM.profile().fmspc() + "&update=early",
                "/tdx/certification/v4/qe/identity?update=early",
                "/sgx/certification/v4/pckcrl?ca=platform&encoding=der",
                "/sgx/certification/v4/rootcacrl");
        assertThat(tcbStatus(first)).as("verified collateral is reused").isEqualTo("UpToDate");
        assertThat(pcs.requests()).hasSize(4);

        CollateralStore.Row row = store.find(IntelCollateralCodec.KIND, TDX_KEY).orElseThrow();
        assertThat(row.nextUpdate()).as("refresh-after (24 h) comes before the earliest nextUpdate, 2030-01-01")
                .isEqualTo(AT.plus(Duration.ofHours(24)));
        assertThat(QuoteCollateralBundle.parse(row.body()).tcbInfo().signedBytes())
                .as("the stored body is a dcap-qvl bundle keeping the signed bytes")
                .isEqualTo(PLATFORM.tdxCollateral().tcbInfo().signedBytes());

        IntelDcap restarted = start(pcs.baseUrl(), null);

        assertThat(tcbStatus(restarted)).isEqualTo("UpToDate");
        assertThat(pcs.requests()).as("the restarted service did not fetch").hasSize(4);
    }

    @Test
    void collateralDueForRefreshIsFetchedAgainAndTheNewCopyVerifiedOnce() throws Exception {
        IntelDcap dcap = start(pcs.baseUrl(), null);
        assertThat(tcbStatus(dcap)).isEqualTo("UpToDate");
        assertThat(pcs.requests()).hasSize(4);

        clock.fix(AT.plus(Duration.ofHours(25)));
        assertThat(tcbStatus(dcap)).as("no request waits for a refresh").isEqualTo("UpToDate");
        assertThat(pcs.requests()).hasSize(4);
        // the background refresher's round (every refresh-interval in the service)
        started.getLast().providers().forEach(provider -> provider.refreshDue().join());

        assertThat(tcbStatus(dcap)).isEqualTo("UpToDate");
        assertThat(pcs.requests()).as("refreshed after refresh-after").hasSize(8);
        assertThat(store.find(IntelCollateralCodec.KIND, TDX_KEY).orElseThrow().fetchedAt())
                .isEqualTo(AT.plus(Duration.ofHours(25)));
        assertThat(tcbStatus(dcap)).isEqualTo("UpToDate");
        assertThat(pcs.requests()).hasSize(8);
    }

    @Test
    void anUnknownPlatformOrAnUnreachablePcsIsUnavailableNotTheEvidencesFault() {
        // the fake serves no SGX collateral for the platform
        byte[] sgx = PLATFORM.sgxV3().build();
        IntelDcap dcap = start(pcs.baseUrl(), null);

        assertThatThrownBy(() -> dcap.verifySgx(sgx, Optional.empty(), Optional.empty(), AT))
                .isInstanceOf(VerificationException.class).hasMessageContaining("404")
                .satisfies(e -> assertThat(((VerificationException) e).failure())
                        .isEqualTo(Failure.COLLATERAL_UNAVAILABLE));

        pcs.close();
        IntelDcap down = start(pcs.baseUrl(), null);
        assertThatThrownBy(() -> tcbStatus(down)).isInstanceOf(VerificationException.class)
                .hasMessageContaining("unreachable")
                .satisfies(e -> assertThat(((VerificationException) e).failure())
                        .isEqualTo(Failure.COLLATERAL_UNAVAILABLE));
    }

    @Test
    void aStoredBundleServesOfflineFromTheIntelFolderWithoutAskingThePcs() throws Exception {
        tcbStatus(start(pcs.baseUrl(), null));
        int online = pcs.requests().size();
        Path offline = dir.resolve("offline");
        Files.write(Files.createDirectories(offline.resolve("intel")).resolve(TDX_KEY + ".json"),
                store.find(IntelCollateralCodec.KIND, TDX_KEY).orElseThrow().body());

        IntelDcap dcap = start(pcs.baseUrl(), offline);

        assertThat(tcbStatus(dcap)).isEqualTo("UpToDate");
        assertThat(pcs.requests()).hasSize(online);
        assertThat(started.getLast().providers()).as("offline: no provider, no database").isEmpty();
    }
}
