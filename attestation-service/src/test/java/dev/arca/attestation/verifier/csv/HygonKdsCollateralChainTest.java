package dev.arca.attestation.verifier.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.attestation.TestDatabase;
import dev.arca.attestation.collateral.CollateralProperties;
import dev.arca.attestation.collateral.CollateralProviders;
import dev.arca.attestation.collateral.CollateralStore;
import dev.arca.attestation.collateral.TestCollateral;
import dev.arca.attestation.support.MutableClock;
import dev.arca.attestation.verifier.VerificationException.Failure;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.csv.kds.FakeHygonKds;
import dev.arca.csv.testpki.SyntheticCsvEvidence;
import dev.arca.csv.testpki.SyntheticCsvReport;
import dev.arca.csv.testpki.TestHygonPki;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Hygon certificates through the AS collateral chain: the HRK and a chip's HSK and CEK fetched from a KDS
 * ({@link FakeHygonKds}, serving a test PKI over real HTTP; the AS pins the test HRK), stored in a real H2 database
 * migrated by the service's Flyway scripts (kind {@code hygon-kds}), read back by a restarted service instead of
 * asking Hygon again; in offline mode the {@code hygon} folder serves and the KDS is not asked.
 */
class HygonKdsCollateralChainTest {

    private static final TestHygonPki PKI = TestHygonPki.create();
    private static final byte[] NONCE = "nonce".getBytes();
    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path dir;

    private FakeHygonKds kds;
    private CollateralStore store;
    private final MutableClock clock = new MutableClock();
    private final List<CollateralProviders> started = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        kds = new FakeHygonKds().serveHrk(PKI.hrk()).serveHskCek(TestHygonPki.CHIP_ID, PKI.hskCek());
        DataSource db = TestDatabase.migrated();
        store = new CollateralStore(JdbcClient.create(db));
        clock.fix(AT);
    }

    @AfterEach
    void tearDown() {
        started.forEach(CollateralProviders::close);
        kds.close();
    }

    private CsvVerifier start(URI kdsUrl, Path offlineDir) {
        CollateralProperties collateral = TestCollateral.properties(offlineDir, Duration.ofMinutes(1));
        CollateralProviders providers = new CollateralProviders(collateral, store, clock, new SimpleMeterRegistry());
        started.add(providers);
        return new CsvVerifier(new CsvConfiguration().csvReportVerifier(new HygonProperties(PKI.hrkSha256(), kdsUrl),
                collateral, providers));
    }

    private static ObjectNode evidence() {
        return SyntheticCsvEvidence.json(PKI, SyntheticCsvReport.v1().reportData(NONCE), false, null);
    }

    private static void verify(CsvVerifier verifier, ObjectNode evidence) throws VerificationException {
        verifier.verify(evidence, Optional.of(NONCE), Optional.empty(), AT);
    }

    @Test
    void hrkAndHskCekAreFetchedOnceAndARestartedServiceReadsThemFromTheDatabase() throws Exception {
        CsvVerifier first = start(kds.url(), null);

        for (int i = 0; i < 4; i++) {
            verify(first, evidence());
        }
        assertThat(kds.requests()).as("one request for the HRK, one for the chip").isEqualTo(2);

        CollateralStore.Row hskCek = store.find(HygonKdsCodec.KIND, "hsk_cek." + TestHygonPki.CHIP_ID).orElseThrow();
        assertThat(hskCek.body()).isEqualTo(PKI.hskCek());
        assertThat(hskCek.nextUpdate()).isEqualTo(AT.plus(Duration.ofDays(30)));
        assertThat(store.find(HygonKdsCodec.KIND, "hrk").orElseThrow().body()).isEqualTo(PKI.hrk());

        CsvVerifier restarted = start(kds.url(), null);
        verify(restarted, evidence());
        assertThat(kds.requests()).as("the restarted service asked Hygon nothing").isEqualTo(2);
    }

    @Test
    void anUnknownChipOrAnUnreachableKdsIsUnavailableNotTheEvidencesFault() throws Exception {
        ObjectNode otherChip = SyntheticCsvEvidence.json(SyntheticCsvReport.v1().magic(), 0,
                SyntheticCsvReport.v1().reportData(NONCE).page(PKI), null, null, PKI.pek(), "OTHERCHIP", null);
        CsvVerifier verifier = start(kds.url(), null);

        assertThatThrownBy(() -> verify(verifier, otherChip)).isInstanceOfSatisfying(VerificationException.class,
                e -> assertThat(e.failure()).isEqualTo(Failure.COLLATERAL_UNAVAILABLE))
                .hasMessageContaining("404").hasMessageContaining("retry later");

        kds.close();
        CsvVerifier down = start(kds.url(), null);
        assertThatThrownBy(() -> verify(down, evidence())).isInstanceOfSatisfying(VerificationException.class,
                e -> assertThat(e.failure()).isEqualTo(Failure.COLLATERAL_UNAVAILABLE));
    }

    @Test
    void aServedHrkThatIsNotThePinnedOneIsRefused() {
        TestHygonPki other = TestHygonPki.create();
        kds.serveHrk(other.hrk());

        assertThatThrownBy(() -> verify(start(kds.url(), null), evidence()))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.UNTRUSTED_CHAIN))
                .hasMessageContaining("not the pinned Hygon root key");
    }

    @Test
    void offlineTheHygonFolderServesAndTheKdsIsNotAsked() throws Exception {
        Path hygon = Files.createDirectories(dir.resolve("offline/hygon"));
        Files.write(hygon.resolve("hrk.cert"), PKI.hrk());
        Path chip = Files.createDirectories(hygon.resolve("hsk_cek").resolve(TestHygonPki.CHIP_ID));
        Files.write(chip.resolve("hsk_cek.cert"), PKI.hskCek());

        CsvVerifier offline = start(kds.url(), dir.resolve("offline"));
        verify(offline, evidence());

        assertThat(kds.requests()).isZero();
        assertThat(started.getLast().providers()).as("offline: no provider, no database").isEmpty();
    }
}
